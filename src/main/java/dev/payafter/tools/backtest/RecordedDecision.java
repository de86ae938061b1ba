package dev.payafter.tools.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One decision as the audit trail recorded it, read by {@link AuditLines}.
 *
 * @param line the line of the decisions file (1-based)
 * @param kind {@code ELIGIBILITY}, {@code REFUND} or {@code DEDUCTION}
 * @param decidedAt when it was decided (the replay's clock)
 * @param profile the profile it was decided under
 * @param request the request record, or null for a kind the backtest does not replay ({@code DEDUCTION})
 * @param recorded the recorded decision's outcome, sorted reason codes and details
 * @param ruleSetVersion the version of the rule set that decided it
 * @param orderId the order
 * @param consumerId the consumer (eligibility) or buyer (refund)
 * @param amount the order amount (eligibility) or the paid amount (refund)
 */
public record RecordedDecision(long line, String kind, Instant decidedAt, String profile, Record request,
        Replayed recorded, String ruleSetVersion, String orderId, String consumerId, BigDecimal amount) {

    /**
     * A decision reduced to what a backtest compares.
     *
     * @param outcome {@code ELIGIBLE}/{@code INELIGIBLE} or {@code AUTO_APPROVED}/{@code MANUAL_REVIEW}
     * @param reasonCodes the reason codes, sorted
     * @param details the other results by name ({@code creditToFreeze}, {@code freeTrialDays}, {@code notice}),
     *     sorted; absent ones are left out
     */
    public record Replayed(String outcome, List<String> reasonCodes, Map<String, String> details) {
        public Replayed {
            reasonCodes = List.copyOf(reasonCodes);
            details = Map.copyOf(details);
        }

        /** Whether this is an approval: an eligible consumer or an auto-approved refund. */
        public boolean approved() {
            return "ELIGIBLE".equals(outcome) || "AUTO_APPROVED".equals(outcome);
        }

        /** {@code INELIGIBLE [SCORE_BELOW_MINIMUM] {creditToFreeze=...}}, for people. */
        public String shown() {
            return outcome + " " + reasonCodes + (details.isEmpty() ? "" : " " + new java.util.TreeMap<>(details));
        }
    }
}
