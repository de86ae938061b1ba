package dev.payafter.tools.backtest;

import dev.payafter.PayAfterEngine;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a recorded decision through an engine at its recorded time: the engine's clock is fixed at the
 * decision's {@code decidedAt} (in the given zone, for effective dates), and its profile is the recorded one.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * The decision {@code engine} makes for {@code recorded}'s request at its recorded time.
     *
     * @throws dev.payafter.PayAfterException if the engine's rule set has no such profile
     */
    public static RecordedDecision.Replayed decide(PayAfterEngine engine, RecordedDecision recorded, ZoneId zone) {
        PayAfterEngine at = engine.withProfile(recorded.profile())
                .withClock(Clock.fixed(recorded.decidedAt(), zone));
        if (recorded.request() instanceof EligibilityRequest request) {
            EligibilityDecision d = at.decide(request);
            Map<String, String> details = new TreeMap<>();
            d.creditToFreeze().ifPresent(v -> details.put("creditToFreeze", v.toPlainString()));
            d.freeTrialDays().ifPresent(v -> details.put("freeTrialDays", Integer.toString(v)));
            return new RecordedDecision.Replayed(d.outcome().name(), sorted(d.reasonCodes()), details);
        }
        if (recorded.request() instanceof RefundRequest request) {
            RefundDecision d = at.decide(request);
            Map<String, String> details = new TreeMap<>();
            d.notice().ifPresent(v -> details.put("notice", v));
            return new RecordedDecision.Replayed(d.outcome().name(), sorted(d.reasonCodes()), details);
        }
        throw new IllegalArgumentException("a " + recorded.kind() + " decision is not replayed");
    }

    /**
     * One recorded decision replayed through OLD and NEW.
     *
     * @param reproduced whether OLD decided as recorded
     */
    public record Compared(RecordedDecision recorded, RecordedDecision.Replayed old, RecordedDecision.Replayed now,
            Move move, boolean reproduced) {
    }

    /** Replays {@code recorded} (an eligibility or refund decision) through both engines at its recorded time. */
    public static Compared compare(PayAfterEngine oldRules, PayAfterEngine newRules, RecordedDecision recorded,
            ZoneId zone) {
        RecordedDecision.Replayed old = decide(oldRules, recorded, zone);
        RecordedDecision.Replayed now = decide(newRules, recorded, zone);
        return new Compared(recorded, old, now, Move.of(old, now), old.equals(recorded.recorded()));
    }

    private static List<String> sorted(List<String> codes) {
        List<String> out = new ArrayList<>(codes);
        out.sort(null);
        return out;
    }

    /** How a decision moved from the old rules to the new. */
    public enum Move {
        /** Same outcome, reason codes and details. */
        UNCHANGED,
        /** Approved before, refused now (eligible to ineligible, auto-approved to manual review). */
        SWAP_OUT,
        /** Refused before, approved now. */
        SWAP_IN,
        /** Same outcome, other reasons or details (credit to freeze, trial days, notice). */
        OTHER;

        public static Move of(RecordedDecision.Replayed old, RecordedDecision.Replayed now) {
            if (old.approved() && !now.approved()) {
                return SWAP_OUT;
            }
            if (!old.approved() && now.approved()) {
                return SWAP_IN;
            }
            return old.equals(now) ? UNCHANGED : OTHER;
        }
    }
}
