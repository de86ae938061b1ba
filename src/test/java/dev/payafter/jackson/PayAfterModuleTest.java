package dev.payafter.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.live.DecisionRecord;
import dev.payafter.live.JsonLinesAuditSink;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests and decisions round-trip through the module in the audit log's shape; bad JSON names field and value. */
class PayAfterModuleTest {
    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    private static final ObjectMapper MAPPER = PayAfterModule.mapper();
    private static final List<DecisionRecord> AUDIT = new CopyOnWriteArrayList<>();
    private static PayAfterEngine engine;

    @BeforeAll
    static void engine() {
        engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .onDecision(AUDIT::add).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static DeductionRequest deduction() {
        return DeductionRequest.builder("o-3", "frank", OrderKind.GOODS, new BigDecimal("128"),
                Instant.parse("2026-03-01T00:00:00Z")).deliveredAt(Instant.parse("2026-03-02T00:00:00Z")).build();
    }

    @Test
    void everyRequestAndDecisionRoundTrips() throws Exception {
        EligibilityRequest eligibility = Requests.zhima(600, "199");
        RefundRequest refund = RefundRequest.builder("o-2", Buyer.builder("b").tradingHistory(TradingHistory
                        .builder().completedOrders(3).refundRatePercent(new BigDecimal("2.500")).build()).build(),
                new BigDecimal("12.3")).shipping(dev.payafter.refund.ShippingStatus.UNSHIPPED)
                .category(dev.payafter.refund.CategoryType.PHYSICAL).build();
        DeductionRequest deduction = deduction();
        for (Object request : List.of(eligibility, refund, deduction)) {
            String json = MAPPER.writeValueAsString(request);
            assertThat(MAPPER.readValue(json, request.getClass())).isEqualTo(request);
        }
        EligibilityDecision d1 = engine.decide(eligibility);
        RefundDecision d2 = engine.decide(refund);
        DeductionDecision d3 = engine.decide(deduction);
        for (Object decision : List.of(d1, d2, d3)) {
            String json = MAPPER.writeValueAsString(decision);
            assertThat(MAPPER.readValue(json, decision.getClass())).isEqualTo(decision);
        }
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(d1));
        assertThat(tree.get("creditToFreeze").isTextual()).isTrue();
        assertThat(tree.get("creditToFreeze").asText()).isEqualTo("199.00");
        assertThat(tree.get("outcome").asText()).isEqualTo("ELIGIBLE");
        assertThat(tree.get("freeTrialDays").isNull()).isTrue();
        JsonNode request = MAPPER.readTree(MAPPER.writeValueAsString(eligibility));
        assertThat(request.get("amount").asText()).isEqualTo("199.00");
        assertThat(request.get("scenario").asText()).isEqualTo("ECOMMERCE_GOODS");
    }

    @Test
    void theModuleWritesTheAuditLogsShape() throws Exception {
        AUDIT.clear();
        DeductionRequest request = deduction();
        DeductionDecision decision = engine.decide(request);
        DecisionRecord record = AUDIT.get(AUDIT.size() - 1);
        JsonNode line = MAPPER.readTree(JsonLinesAuditSink.line(record));
        assertThat(line.get("request")).isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(request)));
        assertThat(line.get("decision")).isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(decision)));
        assertThat(MAPPER.treeToValue(line.get("request"), DeductionRequest.class)).isEqualTo(request);
    }

    @Test
    void theNewFieldsRoundTripInTheModuleAndInTheAuditLine() throws Exception {
        AUDIT.clear();
        EligibilityRequest refused = Requests.zhima(500, "199");
        RefundRequest discounted = RefundRequest.builder("o-4", Buyer.judgedByHost("b", true), new BigDecimal("280"))
                .listPrice(new BigDecimal("350")).shipping(dev.payafter.refund.ShippingStatus.UNSHIPPED)
                .category(dev.payafter.refund.CategoryType.PHYSICAL).build();
        DeductionRequest failed = DeductionRequest.builder("o-5", "frank", OrderKind.GOODS, new BigDecimal("128"),
                Instant.parse("2026-03-01T00:00:00Z")).deliveredAt(Instant.parse("2026-03-02T00:00:00Z"))
                .receiptConfirmedAt(Instant.parse("2026-03-03T00:00:00Z"))
                .failedAttempt(Instant.parse("2026-03-09T12:00:00Z")).build();
        DeductionRequest paid = DeductionRequest.builder("o-6", "frank", OrderKind.GOODS, new BigDecimal("128"),
                Instant.parse("2026-03-01T00:00:00Z")).deliveredAt(Instant.parse("2026-03-02T00:00:00Z"))
                .failedAttempt(Instant.parse("2026-03-03T00:00:00Z")).merchantSettlementAdvanced(true)
                .advanceRecovered(true).debtPaidAt(Instant.parse("2026-03-04T00:00:00Z")).build();
        for (Object request : List.of(refused, discounted, failed, paid)) {
            String json = MAPPER.writeValueAsString(request);
            assertThat(MAPPER.readValue(json, request.getClass())).isEqualTo(request);
        }
        EligibilityDecision d1 = engine.decide(refused);
        RefundDecision d2 = engine.decide(discounted);
        DeductionDecision d3 = engine.decide(failed);
        assertThat(d1.whenRefused()).contains(dev.payafter.eligibility.RefusalPath.PAY_NOW);
        assertThat(d2.lossIfShippedUntracked()).contains(dev.payafter.deduction.LossBearer.MERCHANT);
        assertThat(d3.plan().steps()).hasSize(7);
        for (Object decision : List.of(d1, d2, d3, engine.decide(paid))) {
            String json = MAPPER.writeValueAsString(decision);
            assertThat(MAPPER.readValue(json, decision.getClass())).isEqualTo(decision);
        }
        JsonNode plan = MAPPER.readTree(MAPPER.writeValueAsString(d3)).get("plan");
        assertThat(plan.get("maxAttempts").asInt()).isEqualTo(4);
        assertThat(plan.get("steps").get(0).get("at").asText()).isEqualTo("2026-03-09T12:00:00Z");
        assertThat(plan.get("steps").get(0).get("kind").asText()).isEqualTo("FAILED");
        assertThat(plan.get("steps").get(0).get("actions").get(1).asText()).isEqualTo("ADVANCE_MERCHANT_SETTLEMENT");
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(d2)).get("lossIfShippedUntracked").asText())
                .isEqualTo("MERCHANT");
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(discounted)).get("listPrice").asText()).isEqualTo("350.00");

        // the audit line is the same JSON: the plan, the refusal path and the liability are in it and read back
        for (DecisionRecord record : AUDIT) {
            JsonNode line = MAPPER.readTree(JsonLinesAuditSink.line(record));
            assertThat(line.get("decision")).isEqualTo(MAPPER.readTree(MAPPER.writeValueAsString(record.decision())));
            assertThat(MAPPER.treeToValue(line.get("decision"), record.decision().getClass()))
                    .isEqualTo(record.decision());
            assertThat(MAPPER.treeToValue(line.get("request"), record.request().getClass())).isEqualTo(record.request());
        }
        assertThat(AUDIT).hasSize(4);
    }

    @Test
    void aDecisionLineWrittenBeforeTheNewFieldsStillReads() throws Exception {
        DeductionDecision waiting = engine.decide(deduction());
        String json = MAPPER.writeValueAsString(waiting);
        String old = json.substring(0, json.indexOf(",\"plan\":")) + "}";
        DeductionDecision read = MAPPER.readValue(old, DeductionDecision.class);
        assertThat(read.plan().isEmpty()).isTrue();
        assertThat(read.outcome()).isEqualTo(waiting.outcome());

        EligibilityDecision refused = engine.decide(Requests.zhima(500, "199"));
        String line = MAPPER.writeValueAsString(refused).replace(",\"whenRefused\":\"PAY_NOW\"", "");
        assertThat(line).doesNotContain("whenRefused");
        assertThat(MAPPER.readValue(line, EligibilityDecision.class).whenRefused())
                .contains(dev.payafter.eligibility.RefusalPath.REFUSED);
    }

    @Test
    void moneyMayBeAStringOrAnExactNumber() throws Exception {
        String json = MAPPER.writeValueAsString(Requests.zhima(600, "199")).replace("\"199.00\"", "0.1");
        assertThat(MAPPER.readValue(json, EligibilityRequest.class).amount()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void anInvalidRequestNamesTheFieldAndTheValue() throws Exception {
        String good = MAPPER.writeValueAsString(Requests.zhima(600, "199"));
        assertInvalid(good.replace("\"199.00\"", "\"199.001\""), "EligibilityRequest.amount", "199.001",
                "has more than 2 decimal places");
        assertInvalid(good.replace("\"199.00\"", "1E+999999999"), "EligibilityRequest.amount", "1E+999999999",
                "must be under 1000000000000");
        assertInvalid(good.replace("\"199.00\"", "true"), "EligibilityRequest.amount", "true", "must be a number");
        assertInvalid(good.replace("\"199.00\"", "\"lots\""), "EligibilityRequest.amount", "lots", "is not a number");
        assertInvalid(good.replace("\"ECOMMERCE_GOODS\"", "\"ecommerce\""), "EligibilityRequest.scenario",
                "ecommerce", "is not one of");
        assertInvalid(good.replace("\"ZHIMA\",\"value\":600", "\"ZHIMA\",\"value\":951"), "CreditScore.value", "951",
                "is outside ZHIMA's range");
        assertInvalid(good.replace("\"ZHIMA\",\"value\":600", "\"ZHIMA\",\"value\":6000000000"),
                "CreditScore.value", "6000000000", "must be a whole number");
        assertInvalid(good.replace("\"orderId\":", "\"extra\":1,\"orderId\":"), "EligibilityRequest.extra", null,
                "is not a field of EligibilityRequest");
        assertInvalid(good.replace("\"consumer\":{", "\"consumer\":[{").replace(",\"merchant\"", "],\"merchant\""),
                "EligibilityRequest.consumer", "[...]", "must be a JSON object");
        assertInvalid("{\"orderId\":\"o\"}", "EligibilityRequest.scenario", null, "is required");
        assertInvalid("[]", "EligibilityRequest", "[...]", "must be a JSON object");
        assertThatThrownBy(() -> MAPPER.readValue(good.replace("\"199.00\"", "\"-1\""), EligibilityRequest.class))
                .isNotInstanceOf(ValueInstantiationException.class);
    }

    @Test
    void aDeductionsTimesAreCheckedAsTheBuilderChecksThem() {
        String json = "{\"orderId\":\"o\",\"consumerId\":\"c\",\"kind\":\"GOODS\",\"amount\":\"1.00\","
                + "\"orderedAt\":\"2026-03-01T00:00:00Z\",\"shippedAt\":\"yesterday\",\"returnState\":\"NONE\"}";
        assertInvalid(json, "DeductionRequest.shippedAt", "yesterday", "is not an ISO-8601 instant");
        assertInvalid(json.replace("\"yesterday\"", "\"2026-02-01T00:00:00Z\""), "DeductionRequest.shippedAt",
                "2026-02-01T00:00:00Z", "is before orderedAt");
    }

    private static void assertInvalid(String json, String field, String value, String problem) {
        Class<?> type = json.contains("consumerId") ? DeductionRequest.class : EligibilityRequest.class;
        assertThatThrownBy(() -> MAPPER.readValue(json, type))
                .isInstanceOfSatisfying(InvalidRequestJsonException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.getOriginalMessage()).contains(problem).startsWith(field + ": ");
                });
    }
}
