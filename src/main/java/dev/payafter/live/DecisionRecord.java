package dev.payafter.live;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision as an audit trail sees it.
 *
 * @param kind which decision
 * @param decidedAt when, by the engine's clock (for a deduction, the "now" it decided at)
 * @param profile the profile the engine decided under
 * @param request the request record ({@code EligibilityRequest}, {@code RefundRequest} or {@code DeductionRequest})
 * @param decision the decision record; its trace names the rule-set version that decided it
 * @param elapsedNanos how long the decision took, rules and glue, in nanoseconds
 * @param servedByChallenger whether a challenger rule set (split mode) served it
 */
public record DecisionRecord(DecisionKind kind, Instant decidedAt, String profile, Record request, Record decision,
        long elapsedNanos, boolean servedByChallenger) {

    public DecisionRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
    }
}
