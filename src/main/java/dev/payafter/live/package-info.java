/**
 * Running rules live: {@link dev.payafter.live.ReloadResult reload results} and
 * {@link dev.payafter.live.RuleSetListener listeners}, the audit trail
 * ({@link dev.payafter.live.DecisionListener}, {@link dev.payafter.live.JsonLinesAuditSink}) and challenger rule
 * sets ({@link dev.payafter.live.ChallengerReport}). Configured on {@link dev.payafter.PayAfterEngine.Builder}.
 */
package dev.payafter.live;
