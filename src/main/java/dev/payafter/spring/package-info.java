/**
 * Spring Boot 3.5 auto-configuration (optional: a host that uses it has Spring Boot already). Adding payafter to a
 * Spring Boot application gives one {@link dev.payafter.PayAfterEngine} bean configured by {@code payafter.*}
 * properties ({@link dev.payafter.spring.PayAfterProperties}), the Jackson module, Micrometer metrics when a
 * {@code MeterRegistry} exists, an Actuator health contributor and a rule-set endpoint that is off unless the host
 * enables it.
 */
package dev.payafter.spring;
