package dev.payafter.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Hostile decision and outcome lines, and the summary's numbers on both sides of each boundary. */
class BacktestInputTest {
    static final String GOOD = "{\"decidedAt\":\"2026-11-01T00:00:09Z\",\"kind\":\"ELIGIBILITY\",\"profile\":\"kuaishou\","
            + "\"request\":{\"orderId\":\"o0\",\"scenario\":\"ECOMMERCE_GOODS\",\"amount\":\"129.00\","
            + "\"productPayAfterUseEnabled\":true,\"consumer\":{\"id\":\"c1\",\"creditScores\":[{\"provider\":\"ZHIMA\","
            + "\"value\":735}],\"riskAssessment\":\"PASSED\",\"revokedForAbuse\":false,\"overdueUnpaidOrders\":0,"
            + "\"availableCredit\":\"3000.00\"},\"merchant\":{\"id\":\"m76\",\"payAfterUseEnabled\":true,"
            + "\"minimumScore\":null}},\"decision\":{\"orderId\":\"o0\",\"outcome\":\"ELIGIBLE\",\"reasons\":[{\"code\":"
            + "\"ELIGIBLE\",\"message\":\"m\",\"rule\":\"r\"}],\"creditToFreeze\":\"129.00\",\"freeTrialDays\":null,"
            + "\"trace\":{\"profile\":\"kuaishou\",\"ruleSetVersion\":\"v1\",\"firedRules\":[]}}}";

    @Test
    void aGoodLineIsReadExactly() {
        RecordedDecision r = AuditLines.parse("d.jsonl", 3, GOOD);
        assertThat(r.amount()).isEqualByComparingTo("129.00");
        assertThat(r.amount().scale()).isEqualTo(2);
        assertThat(r.recorded().details()).containsEntry("creditToFreeze", "129.00");
        assertThat(r.consumerId()).isEqualTo("c1");
        assertThat(r.ruleSetVersion()).isEqualTo("v1");
        // a number instead of a string is read exactly too
        assertThat(AuditLines.parse("d", 1, GOOD.replace("\"amount\":\"129.00\"", "\"amount\":129.10")).amount())
                .isEqualTo(new BigDecimal("129.10"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"value\":735|\"value\":951|d.jsonl:7: CreditScore.value",
        "\"value\":735|\"value\":\"735\"|d.jsonl:7: request.consumer.creditScores[0].value: \"735\": must be a whole number",
        "\"value\":735|\"value\":7.5|request.consumer.creditScores[0].value: 7.5: must be a whole number",
        "\"amount\":\"129.00\"|\"amount\":\"1e9\"|request.amount: 1e9: is not a decimal number",
        "\"amount\":\"129.00\"|\"amount\":\"-5.00\"|request.amount: \"-5.00\" must not be negative",
        "\"amount\":\"129.00\"|\"amount\":\"0.001\"|request.amount: \"0.001\" has more than 2",
        "\"amount\":\"129.00\"|\"amount\":true|request.amount: true: must be a number",
        "\"amount\":\"129.00\",|''|request.amount: (missing): is required",
        "\"kind\":\"ELIGIBILITY\"|\"kind\":\"LOAN\"|kind: LOAN: is not ELIGIBILITY, REFUND or DEDUCTION",
        "\"kind\":\"ELIGIBILITY\"|\"kind\":7|kind: 7: must be a string",
        "2026-11-01T00:00:09Z|yesterday|decidedAt: yesterday: is not an ISO-8601 instant",
        "\"ZHIMA\"|\"SESAME\"|request.consumer.creditScores[0].provider: SESAME: is not one of",
        "\"outcome\":\"ELIGIBLE\"|\"outcome\":\"MAYBE\"|decision.outcome: MAYBE: is not ELIGIBLE or INELIGIBLE",
        "\"ruleSetVersion\":\"v1\",|''|decision.trace.ruleSetVersion: (missing): must be a string",
        "\"id\":\"c1\"|\"id\":\"\"|Consumer.id",
    })
    void aBadFieldIsNamedWithItsValue(String from, String to, String message) {
        String line = GOOD.replace(from, to);
        assertThat(line).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> AuditLines.parse("d.jsonl", 7, line)).isInstanceOf(BacktestInputException.class)
                .hasMessageStartingWith("d.jsonl:7: ").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void notJsonDeepNestingAndHugeNumbersAreRefusedWithTheLine() {
        assertThatThrownBy(() -> AuditLines.parse("d.jsonl", 2, "{not json")).hasMessageStartingWith("d.jsonl:2: not JSON");
        assertThatThrownBy(() -> AuditLines.parse("d.jsonl", 2, "[1]")).hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> AuditLines.parse("d.jsonl", 2, "[".repeat(100) + "]".repeat(100)))
                .hasMessageStartingWith("d.jsonl:2: not JSON");
        assertThatThrownBy(() -> AuditLines.parse("d.jsonl", 2, GOOD.replace("129.10", "1" + "0".repeat(200))
                .replace("\"amount\":\"129.00\"", "\"amount\":1" + "0".repeat(200))))
                .hasMessageStartingWith("d.jsonl:2: not JSON");
        assertThatThrownBy(() -> AuditLines.parse("d\nforged.jsonl", 2, "{")).hasMessageStartingWith("d\\nforged.jsonl:2");
    }

    static Map<String, String> row(String order, String consumer, String result, String amount) {
        Map<String, String> m = new HashMap<>();
        m.put("orderId", order);
        m.put("consumerId", consumer);
        m.put("result", result);
        m.put("overdueAmount", amount);
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "o1|c1|OVERDUE|''|o.csv:4: overdueAmount: : is required with result OVERDUE",
        "o1|c1|OVERDUE|0.00|o.csv:4: overdueAmount: 0.00: must be above zero",
        "o1|c1|OVERDUE|1.005|o.csv:4: overdueAmount: 1.005: is not an amount in yuan with at most 2 decimals",
        "o1|c1|OVERDUE|-3.00|o.csv:4: overdueAmount: -3.00: is not an amount",
        "o1|c1|OVERDUE|1e3|o.csv:4: overdueAmount: 1e3: is not an amount",
        "o1|c1|ON_TIME|5.00|o.csv:4: overdueAmount: 5.00: is only given with result OVERDUE",
        "o1|c1|PAID|''|o.csv:4: result: PAID: is not one of",
        "''|c1|ON_TIME|''|o.csv:4: orderId: : is required",
        "o1|''|ON_TIME|''|o.csv:4: consumerId: : is required",
    })
    void aBadOutcomeIsNamedWithColumnAndValue(String order, String consumer, String result, String amount,
            String message) {
        assertThatThrownBy(() -> Outcome.of("o.csv", 4, row(order, consumer, result, amount)))
                .isInstanceOf(BacktestInputException.class).hasMessageStartingWith(message);
    }

    @Test
    void anOverdueAmountOfOneFenIsAccepted() {
        assertThat(Outcome.of("o.csv", 4, row("o1", "c1", "OVERDUE", "0.01")).overdueAmount()).isEqualTo("0.01");
    }

    @Test
    void sumsAreExactAndSharesRoundHalfUp() {
        BacktestSummary s = new BacktestSummary();
        Outcome overdue = Outcome.of("o", 1, row("a", "c", "OVERDUE", "100.10"));
        s.add("k", "ELIGIBILITY", Replay.Move.SWAP_OUT, true, "a", "c", new BigDecimal("199.90"), overdue);
        s.add("k", "ELIGIBILITY", Replay.Move.SWAP_OUT, true, "b", "c", new BigDecimal("0.10"),
                Outcome.of("o", 2, row("b", "c", "OVERDUE", "0.10")));
        s.add("k", "ELIGIBILITY", Replay.Move.SWAP_OUT, true, "d", "c", new BigDecimal("0.20"),
                Outcome.of("o", 3, row("d", "c", "ON_TIME", "")));
        s.add("k", "ELIGIBILITY", Replay.Move.SWAP_OUT, true, "e", "c", new BigDecimal("5.00"), null);
        s.add("k", "ELIGIBILITY", Replay.Move.SWAP_IN, false, "f", "c", new BigDecimal("300.00"), null);
        assertThat(s.text()).contains("swap-out (eligible -> ineligible): 4 orders, 205.20 yuan")
                .contains("overdue: 2, debt avoided 100.20 yuan").contains("paid on time: 1, 0.20 yuan")
                .contains("no outcome: 1").contains("swap-in (ineligible -> eligible): 1 orders, 300.00 yuan")
                .contains("(1 not reproduced by OLD)");
        BacktestSummary r = new BacktestSummary();
        String[] results = {"DISPUTED", "UNDISPUTED", "UNDISPUTED", "MERCHANT_SHIPPED"};
        for (int i = 0; i < results.length; i++) {
            r.add("k", "REFUND", Replay.Move.SWAP_IN, true, "r" + i, "c", new BigDecimal("10.00"),
                    Outcome.of("o", i + 1, row("r" + i, "c", results[i], "")));
        }
        r.add("k", "REFUND", Replay.Move.SWAP_OUT, true, "x1", "c", BigDecimal.ONE,
                Outcome.of("o", 9, row("x1", "c", "DISPUTED", "")));
        r.add("k", "REFUND", Replay.Move.SWAP_OUT, true, "x2", "c", BigDecimal.ONE,
                Outcome.of("o", 9, row("x2", "c", "DISPUTED", "")));
        r.add("k", "REFUND", Replay.Move.SWAP_OUT, true, "x3", "c", BigDecimal.ONE,
                Outcome.of("o", 9, row("x3", "c", "UNDISPUTED", "")));
        assertThat(r.text()).contains("disputed: 1 of 4 with an outcome (25.0%), 10.00 yuan")
                .contains("disputed: 2 of 3 with an outcome (66.7%), 2.00 yuan")
                .contains("merchant had shipped: 1, 10.00 yuan");
        // merging parts in either order gives the same bytes
        assertThat(new BacktestSummary().merge(s).merge(r).json())
                .isEqualTo(new BacktestSummary().merge(r).merge(s).json());
    }

    @Test
    void anOutcomeOfTheWrongKindIsRefused() {
        BacktestSummary s = new BacktestSummary();
        assertThatThrownBy(() -> s.add("k", "REFUND", Replay.Move.SWAP_OUT, true, "a", "c", BigDecimal.ONE,
                Outcome.of("o", 5, row("a", "c", "ON_TIME", ""))))
                .hasMessageStartingWith("outcomes line 5: result: ON_TIME: order a is a REFUND decision");
    }
}
