/**
 * Jackson support (optional: a host that uses it brings {@code jackson-databind} itself). Register
 * {@link dev.payafter.jackson.PayAfterModule} on an {@code ObjectMapper} (Spring Boot registers it by itself
 * through {@code dev.payafter.spring}) and every request, decision and their parts are written and read in the
 * one JSON shape of the audit log and the analysts' recorded requests (rules/README.md, "Requests and decisions as
 * JSON").
 */
package dev.payafter.jackson;
