package dev.payafter.examples.service;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleSetInfo;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.jackson.InvalidRequestJsonException;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The service's HTTP API over the auto-configured engine. */
@RestController
class DecisionController {
    private final PayAfterEngine engine;

    DecisionController(PayAfterEngine engine) {
        this.engine = engine;
    }

    @PostMapping("/decisions/eligibility")
    EligibilityDecision eligibility(@RequestBody EligibilityRequest request) {
        return engine.decide(request);
    }

    @PostMapping("/decisions/refund")
    RefundDecision refund(@RequestBody RefundRequest request) {
        return engine.decide(request);
    }

    @PostMapping("/decisions/deduction")
    DeductionDecision deduction(@RequestBody DeductionRequest request) {
        return engine.decide(request);
    }

    @GetMapping("/rules")
    RuleSetInfo rules() {
        return engine.ruleSet();
    }

    /** A request that is not valid JSON or breaks an invariant: 400, with the field and the value when known. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        InvalidRequestJsonException invalid = null;
        for (Throwable t = e; t != null && invalid == null; t = t.getCause()) {
            if (t instanceof InvalidRequestJsonException found) {
                invalid = found;
            }
        }
        if (invalid != null) {
            body.put("field", invalid.field());
            body.put("value", invalid.value());
            body.put("message", invalid.getOriginalMessage());
        } else {
            body.put("message", "the body is not a JSON request");
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
    }
}
