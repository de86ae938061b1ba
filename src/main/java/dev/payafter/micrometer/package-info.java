/**
 * Micrometer metrics (optional: a host that uses them brings {@code micrometer-core} itself).
 * {@link dev.payafter.micrometer.PayAfterMetrics} is a {@code DecisionListener} and {@code RuleSetListener};
 * Spring Boot wires it by itself through {@code dev.payafter.spring} when a {@code MeterRegistry} bean exists.
 */
package dev.payafter.micrometer;
