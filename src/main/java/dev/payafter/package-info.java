/**
 * payafter: pay-after-use (先用后付) trust decisions with Drools rules.
 *
 * <p>Start at {@link dev.payafter.PayAfterEngine}: build one engine with a profile, then
 * {@code decide(...)} an {@link dev.payafter.eligibility.EligibilityRequest}, a
 * {@link dev.payafter.refund.RefundRequest} or a {@link dev.payafter.deduction.DeductionRequest}. Every decision
 * carries its outcome, its {@link dev.payafter.Reason reasons} and a {@link dev.payafter.DecisionTrace}.
 * Every exception is a {@link dev.payafter.PayAfterException}.
 */
package dev.payafter;
