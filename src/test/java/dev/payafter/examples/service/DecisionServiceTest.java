package dev.payafter.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.Requests;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.jackson.PayAfterModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The decision service of examples/, started as a real Spring Boot application on a random localhost port with only
 * the three properties of its javadoc, and asked over real HTTP.
 */
@SpringBootTest(classes = DecisionService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"payafter.profile=kuaishou", "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always"})
class DecisionServiceTest {
    private static final ObjectMapper JSON = PayAfterModule.mapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void decidesAllThreeKindsOverHttp() throws Exception {
        HttpResponse<String> eligible = post("/decisions/eligibility",
                JSON.writeValueAsString(Requests.zhima(550, "199")));
        assertThat(eligible.statusCode()).isEqualTo(200);
        JsonNode decision = JSON.readTree(eligible.body());
        assertThat(decision.get("outcome").asText()).isEqualTo("ELIGIBLE");
        assertThat(decision.get("creditToFreeze").asText()).isEqualTo("199.00");
        assertThat(decision.get("trace").get("profile").asText()).isEqualTo("kuaishou");

        HttpResponse<String> refund = post("/decisions/refund", JSON.writeValueAsString(Requests.refund("300.00")));
        assertThat(refund.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(refund.body()).get("outcome").asText()).isEqualTo("MANUAL_REVIEW");
        assertThat(refund.body()).contains("PAID_AMOUNT_NOT_UNDER_LIMIT");

        DeductionRequest deduction = DeductionRequest.builder("o-3", "frank", OrderKind.GOODS, new BigDecimal("128"),
                Instant.parse("2026-03-01T00:00:00Z")).deliveredAt(Instant.parse("2026-03-02T00:00:00Z")).build();
        HttpResponse<String> charged = post("/decisions/deduction", JSON.writeValueAsString(deduction));
        assertThat(charged.statusCode()).isEqualTo(200);
        assertThat(JSON.readValue(charged.body(), dev.payafter.deduction.DeductionDecision.class).orderId())
                .isEqualTo("o-3");
    }

    @Test
    void anInvalidRequestIsA400WithTheFieldAndTheValue() throws Exception {
        String body = JSON.writeValueAsString(Requests.zhima(550, "199")).replace("\"199.00\"", "\"199.001\"");
        HttpResponse<String> bad = post("/decisions/eligibility", body);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(bad.body());
        assertThat(error.get("field").asText()).isEqualTo("EligibilityRequest.amount");
        assertThat(error.get("value").asText()).isEqualTo("199.001");
        assertThat(error.get("message").asText()).contains("has more than 2 decimal places");
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at dev.");

        HttpResponse<String> notJson = post("/decisions/refund", "{\"orderId\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void showsTheRuleSetHealthAndMetrics() throws Exception {
        HttpResponse<String> rules = get("/rules");
        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rules.body()).get("source").asText()).isEqualTo("bundled");

        post("/decisions/eligibility", JSON.writeValueAsString(Requests.zhima(549, "199")));
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode payAfter = JSON.readTree(health.body()).get("components").get("payAfter");
        assertThat(payAfter.get("status").asText()).isEqualTo("UP");
        assertThat(payAfter.get("details").get("ruleSetVersion").asText()).matches("[0-9a-f]{16}");

        HttpResponse<String> metric = get("/actuator/metrics/payafter.decisions?tag=outcome:INELIGIBLE");
        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(metric.body()).get("measurements").get(0).get("value").asDouble())
                .isGreaterThanOrEqualTo(1.0);

        assertThat(get("/actuator/payafterrules").statusCode()).as("the rule-set endpoint is off by default")
                .isEqualTo(404);
    }
}
