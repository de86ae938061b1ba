package dev.payafter.examples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A decision service: a plain Spring Boot 3.5 application with payafter on its class path and three properties
 * (see {@code DecisionServiceTest}):
 * <pre>
 * payafter.profile=kuaishou
 * management.endpoints.web.exposure.include=health,metrics
 * management.endpoint.health.show-details=always
 * </pre>
 * {@code POST /decisions/eligibility}, {@code /decisions/refund}, {@code /decisions/deduction} take a request in the
 * JSON of rules/README.md and answer its decision; {@code GET /rules} shows the serving rule set. An invalid request
 * is a 400 naming the field and the value.
 */
@SpringBootApplication
public class DecisionService {
    public static void main(String[] args) {
        SpringApplication.run(DecisionService.class, args);
    }
}
