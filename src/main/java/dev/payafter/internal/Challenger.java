package dev.payafter.internal;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.live.ChallengerMode;
import dev.payafter.live.ChallengerReport;
import dev.payafter.live.DecisionKind;
import dev.payafter.live.Disagreement;
import dev.payafter.refund.RefundDecision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * A challenger rule set beside the champion: in shadow mode it decides every request after the champion and
 * its agreement is counted; in split mode it serves the consumers whose id hashes into its share.
 */
public final class Challenger {
    private final ChallengerMode mode;
    private final int splitPercent;
    private final CompiledRules rules;
    private final int keepDisagreements;
    private final Map<DecisionKind, LongAdder> compared = counters();
    private final Map<DecisionKind, LongAdder> agreed = counters();
    private final Map<DecisionKind, LongAdder> served = counters();
    private final Deque<Disagreement> disagreements = new ArrayDeque<>();

    public Challenger(ChallengerMode mode, int splitPercent, CompiledRules rules, int keepDisagreements) {
        this.mode = mode;
        this.splitPercent = splitPercent;
        this.rules = rules;
        this.keepDisagreements = keepDisagreements;
    }

    /** What one decision did. */
    public record Outcome<D extends Record>(D decision, boolean servedByChallenger) {
    }

    /** Decides {@code request} with the champion, the challenger, or both, as the mode says. */
    public <D extends Record> Outcome<D> decide(DecisionKind kind, Record request, String consumerId,
            CompiledRules champion, Function<CompiledRules, D> decider) {
        if (mode == ChallengerMode.SPLIT) {
            if (inChallengerShare(consumerId, splitPercent)) {
                served.get(kind).increment();
                return new Outcome<>(decider.apply(rules), true);
            }
            return new Outcome<>(decider.apply(champion), false);
        }
        D championDecision = decider.apply(champion);
        D challengerDecision = decider.apply(rules);
        compared.get(kind).increment();
        if (signature(championDecision).equals(signature(challengerDecision))) {
            agreed.get(kind).increment();
        } else if (keepDisagreements > 0) {
            synchronized (disagreements) {
                disagreements.addLast(new Disagreement(kind, request, championDecision, challengerDecision));
                while (disagreements.size() > keepDisagreements) {
                    disagreements.removeFirst();
                }
            }
        }
        return new Outcome<>(championDecision, false);
    }

    /** Whether a consumer falls in the challenger's share: CRC-32 of the id's UTF-8 bytes, mod 100. */
    public static boolean inChallengerShare(String consumerId, int percent) {
        CRC32 crc = new CRC32();
        crc.update(consumerId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < percent;
    }

    public ChallengerReport report() {
        List<Disagreement> kept;
        synchronized (disagreements) {
            kept = List.copyOf(disagreements);
        }
        return new ChallengerReport(mode, rules.info().version(), splitPercent, snapshot(compared), snapshot(agreed),
                snapshot(served), kept);
    }

    /** Everything a decision says except its trace (which names the version and so always differs). */
    static List<Object> signature(Record decision) {
        if (decision instanceof EligibilityDecision d) {
            return List.of(d.outcome(), sorted(d.reasonCodes()), d.creditToFreeze(), d.freeTrialDays());
        }
        if (decision instanceof RefundDecision d) {
            return List.of(d.outcome(), sorted(d.reasonCodes()), d.notice());
        }
        if (decision instanceof DeductionDecision d) {
            return List.of(d.outcome(), sorted(d.reasonCodes()), d.actions(), d.chargeAmount(), d.nextCheckAt(),
                    d.lossBearer());
        }
        throw new IllegalArgumentException("not a decision: " + decision.getClass());
    }

    private static List<String> sorted(List<String> codes) {
        return codes.stream().sorted().toList();
    }

    private static Map<DecisionKind, LongAdder> counters() {
        Map<DecisionKind, LongAdder> map = new EnumMap<>(DecisionKind.class);
        for (DecisionKind kind : DecisionKind.values()) {
            map.put(kind, new LongAdder());
        }
        return map;
    }

    private static Map<DecisionKind, Long> snapshot(Map<DecisionKind, LongAdder> counters) {
        Map<DecisionKind, Long> copy = new EnumMap<>(DecisionKind.class);
        counters.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return copy;
    }
}
