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
 */
public record EligibilityDecision(
        String orderId,
        EligibilityOutcome outcome,
        List<Reason> reasons,
        Optional<BigDecimal> creditToFreeze,
        Optional<Integer> freeTrialDays,
        DecisionTrace trace) {

    public EligibilityDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(creditToFreeze, "creditToFreeze");
        Objects.requireNonNull(freeTrialDays, "freeTrialDays");
        Objects.requireNonNull(trace, "trace");
        if (outcome == EligibilityOutcome.INELIGIBLE && (creditToFreeze.isPresent() || freeTrialDays.isPresent())) {
            throw new IllegalArgumentException("an ineligible decision freezes no credit and has no trial");
        }
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
