package dev.payafter.eligibility;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An eligibility decision.
 *
 * @param orderId the request's order
 * @param outcome eligible or not
 * @param reasons why: for {@code INELIGIBLE}, every check that failed; for {@code ELIGIBLE}, the rule that granted
 *     it
 * @param creditToFreeze for {@code ELIGIBLE}, the credit to freeze in yuan; empty otherwise
 * @param freeTrialDays for {@code ELIGIBLE} under a profile with a free trial, its length in days
 * @param trace the profile, the rule-set version and the rules that fired
 * @param whenRefused for {@code INELIGIBLE}, what the refusal means at checkout (pay a deposit, pay now, or the order
 *     is refused), from the profile's policy for the scenario; {@link RefusalPath#REFUSED} when the profile does not
 *     offer the scenario or the rules failed. Empty for {@code ELIGIBLE} (nothing is refused), and read as
 *     {@code REFUSED} for an {@code INELIGIBLE} line written before it existed
 */
public record EligibilityDecision(
        String orderId,
        EligibilityOutcome outcome,
        List<Reason> reasons,
        Optional<BigDecimal> creditToFreeze,
        Optional<Integer> freeTrialDays,
        DecisionTrace trace,
        Optional<RefusalPath> whenRefused) {

    public EligibilityDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(creditToFreeze, "creditToFreeze");
        Objects.requireNonNull(freeTrialDays, "freeTrialDays");
        Objects.requireNonNull(trace, "trace");
        if (whenRefused == null || outcome == EligibilityOutcome.INELIGIBLE && whenRefused.isEmpty()) {
            whenRefused = outcome == EligibilityOutcome.INELIGIBLE ? Optional.of(RefusalPath.REFUSED) : Optional.empty();
        }
        if (outcome == EligibilityOutcome.INELIGIBLE && (creditToFreeze.isPresent() || freeTrialDays.isPresent())) {
            throw new IllegalArgumentException("an ineligible decision freezes no credit and has no trial");
        }
        if (outcome == EligibilityOutcome.ELIGIBLE && whenRefused.isPresent()) {
            throw new IllegalArgumentException("an eligible decision has no refusal path: " + whenRefused.get());
        }
    }

    /**
     * A decision without a refusal path given (as before it existed): {@code REFUSED} when ineligible, empty when
     * eligible.
     */
    public EligibilityDecision(String orderId, EligibilityOutcome outcome, List<Reason> reasons,
            Optional<BigDecimal> creditToFreeze, Optional<Integer> freeTrialDays, DecisionTrace trace) {
        this(orderId, outcome, reasons, creditToFreeze, freeTrialDays, trace, null);
    }

    /** Whether the consumer may pay after use. */
    public boolean eligible() {
        return outcome == EligibilityOutcome.ELIGIBLE;
    }

    /** The reason codes, in order: handy for logs and tests. */
    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
