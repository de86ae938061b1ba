package dev.payafter.bench.peers;

import dev.payafter.refund.RefundOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules of Easy Rules and Evrete fire into, as the engine's {@code RefundFindings}: an approval and the
 * failures. Approved only with an approval and no failure; anything else is a manual review (fails closed).
 */
public final class Findings {
    private String approval;
    private final List<String> failures = new ArrayList<>(4);

    public void approve(String code) {
        approval = code;
    }

    public void fail(String code) {
        failures.add(code);
    }

    public PeerDecision decision() {
        if (approval != null && failures.isEmpty()) {
            return new PeerDecision(RefundOutcome.AUTO_APPROVED, List.of(approval));
        }
        return new PeerDecision(RefundOutcome.MANUAL_REVIEW, failures);
    }
}
