package dev.payafter.bench.peers;

import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import java.util.List;
import java.util.TreeSet;

/** A peer's fast-refund decision: the outcome and its explanation, the reason codes. */
public record PeerDecision(RefundOutcome outcome, List<String> reasonCodes) {

    public PeerDecision {
        reasonCodes = List.copyOf(reasonCodes);
    }

    /** What the comparison with the engine looks at: the outcome and the set of reason codes. */
    public String key() {
        return outcome + " " + new TreeSet<>(reasonCodes);
    }

    public static String key(RefundDecision decision) {
        return decision.outcome() + " " + new TreeSet<>(decision.reasonCodes());
    }
}
