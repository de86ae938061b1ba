package dev.payafter.refund;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import dev.payafter.deduction.LossBearer;
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
 * @param lossIfShippedUntracked for {@code AUTO_APPROVED}, who bears the loss should the goods have shipped after
 *     all without a tracking number, so that the order still showed as unshipped (Kuaishou's notice: the merchant);
 *     empty when the profile's policy names no one, and for {@code MANUAL_REVIEW}
 */
public record RefundDecision(
        String orderId, RefundOutcome outcome, List<Reason> reasons, Optional<String> notice, DecisionTrace trace,
        Optional<LossBearer> lossIfShippedUntracked) {

    public RefundDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(trace, "trace");
        lossIfShippedUntracked = lossIfShippedUntracked == null ? Optional.empty() : lossIfShippedUntracked;
        if (outcome == RefundOutcome.MANUAL_REVIEW && notice.isPresent()) {
            throw new IllegalArgumentException("a manual review carries no approval notice");
        }
        if (outcome == RefundOutcome.MANUAL_REVIEW && lossIfShippedUntracked.isPresent()) {
            throw new IllegalArgumentException("a manual review names no liability for an approval");
        }
    }

    /** A decision that names no liability (as before it existed). */
    public RefundDecision(String orderId, RefundOutcome outcome, List<Reason> reasons, Optional<String> notice,
            DecisionTrace trace) {
        this(orderId, outcome, reasons, notice, trace, Optional.empty());
    }

    public boolean autoApproved() {
        return outcome == RefundOutcome.AUTO_APPROVED;
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
