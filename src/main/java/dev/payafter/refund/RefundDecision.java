package dev.payafter.refund;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fast-refund decision.
 *
 * @param orderId the request's order
 * @param outcome approved automatically, or to manual review
 * @param reasons why: for {@code MANUAL_REVIEW}, every condition that failed
 * @param notice for {@code AUTO_APPROVED}, the platform's notice to show (from the rules, verbatim)
 * @param trace the profile, the rule-set version and the rules that fired
 */
public record RefundDecision(
        String orderId, RefundOutcome outcome, List<Reason> reasons, Optional<String> notice, DecisionTrace trace) {

    public RefundDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(trace, "trace");
        if (outcome == RefundOutcome.MANUAL_REVIEW && notice.isPresent()) {
            throw new IllegalArgumentException("a manual review carries no approval notice");
        }
    }

    public boolean autoApproved() {
        return outcome == RefundOutcome.AUTO_APPROVED;
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
