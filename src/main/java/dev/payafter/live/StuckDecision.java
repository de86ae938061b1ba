package dev.payafter.live;

import java.time.Duration;
import java.util.Objects;

/**
 * A decision ran past its time budget and its rules are still running: it failed closed, and its worker stays
 * stuck until the rule ends by itself (Java cannot stop it). Told to {@link RuleSetListener#onStuckDecision}.
 *
 * @param ruleSetVersion the version whose rules hold the worker
 * @param kind which decision
 * @param orderId the request's order id
 * @param budget the time budget it ran past
 * @param health the workers right after this one got stuck
 */
public record StuckDecision(String ruleSetVersion, DecisionKind kind, String orderId, Duration budget,
        EngineHealth health) {

    public StuckDecision {
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(health, "health");
    }
}
