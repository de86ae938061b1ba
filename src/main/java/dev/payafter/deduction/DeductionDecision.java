package dev.payafter.deduction;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A deduction decision: what to do with the order's payment now, every action to take, and who carries the
 * money meanwhile.
 *
 * @param orderId the request's order
 * @param outcome what to do now
 * @param actions every action the host must take, in a stable order
 * @param chargeAmount for {@code CHARGE}, the amount to deduct in yuan
 * @param nextCheckAt for {@code WAIT}, when to ask again (empty when waiting for an event: delivery, a fee)
 * @param lossBearer who carries the money while the consumer has not paid
 * @param reasons why
 * @param trace the profile, the rule-set version and the rules that fired
 * @param plan what the rules have scheduled from this decision on: each attempt's time, its reminder, the attempt
 *     out of the maximum, when the debt becomes overdue and what is done then ({@link DeductionPlan}); empty when
 *     nothing is scheduled ({@code null} reads as empty: an audit line written before the plan existed)
 */
public record DeductionDecision(
        String orderId,
        DeductionOutcome outcome,
        List<DeductionAction> actions,
        Optional<BigDecimal> chargeAmount,
        Optional<Instant> nextCheckAt,
        LossBearer lossBearer,
        List<Reason> reasons,
        DecisionTrace trace,
        DeductionPlan plan) {

    public DeductionDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        actions = List.copyOf(actions);
        Objects.requireNonNull(chargeAmount, "chargeAmount");
        Objects.requireNonNull(nextCheckAt, "nextCheckAt");
        Objects.requireNonNull(lossBearer, "lossBearer");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(trace, "trace");
        plan = plan == null ? DeductionPlan.none() : plan;
        if ((outcome == DeductionOutcome.CHARGE) != chargeAmount.isPresent()) {
            throw new IllegalArgumentException("a charge amount goes with CHARGE and only with it: " + outcome
                    + " " + chargeAmount);
        }
        if (outcome != DeductionOutcome.WAIT && nextCheckAt.isPresent()) {
            throw new IllegalArgumentException("nextCheckAt goes with WAIT only: " + outcome);
        }
    }

    /** A decision without a plan (as before the plan existed): {@link DeductionPlan#none()}. */
    public DeductionDecision(String orderId, DeductionOutcome outcome, List<DeductionAction> actions,
            Optional<BigDecimal> chargeAmount, Optional<Instant> nextCheckAt, LossBearer lossBearer,
            List<Reason> reasons, DecisionTrace trace) {
        this(orderId, outcome, actions, chargeAmount, nextCheckAt, lossBearer, reasons, trace, DeductionPlan.none());
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
