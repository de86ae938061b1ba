package dev.payafter;

import static dev.payafter.Requests.withOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the rules misbehave, decisions fail closed (no approval, no charge), say why, and the engine keeps serving. */
class FailClosedTest {
    static final Instant NOW = Instant.parse("2026-03-11T02:00:00Z");
    static PayAfterEngine faulty;

    @BeforeAll
    static void faultyRules(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/faults.drl", TestRules.THROWS_FOR_ORDER_BOOM);
        TestRules.write(rules, "refund/faults.drl", TestRules.LOOPS_FOR_ORDER_LOOP);
        TestRules.write(rules, "deduction/faults.drl", """
                package deduction;
                import dev.payafter.deduction.DeductionRequest;
                import dev.payafter.facts.DeductionFindings;
                rule "Waits for one order whatever the other rules say"
                when
                    DeductionRequest( orderId == "order-conflict" )
                    $findings : DeductionFindings( )
                then
                    $findings.waitUntil(null, "STUBBORN", "this rule always waits");
                end
                """);
        faulty = PayAfterEngine.builder().rules(rules).profile("kuaishou").fireLimit(500)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void aRuleThatThrowsRefusesEligibilityAndTheEngineKeepsServing() {
        EligibilityDecision boom = faulty.decide(withOrderId(Requests.zhima(800, "50.00"), "order-boom"));
        assertThat(boom.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
        assertThat(boom.reasons().get(0).code()).isEqualTo("RULE_ERROR");
        assertThat(boom.reasons().get(0).message()).contains("Throws for one order").contains("boom")
                .contains("fails closed");
        assertThat(boom.creditToFreeze()).isEmpty();

        EligibilityDecision next = faulty.decide(Requests.zhima(800, "50.00"));
        assertThat(next.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
    }

    @Test
    void rulesThatNeverSettleStopAtTheFireLimitAndGoToManualReview() {
        RefundRequest request = Requests.refund("10.00");
        RefundRequest looping = new RefundRequest("order-loop", request.buyer(), request.paidAmount(),
                request.shipping(), request.category(), request.storeExcluded());
        RefundDecision decision = faulty.decide(looping);
        assertThat(decision.outcome()).isEqualTo(RefundOutcome.MANUAL_REVIEW);
        assertThat(decision.reasonCodes()).contains("RULE_FIRE_LIMIT");
        assertThat(decision.notice()).isEmpty();
        assertThat(decision.trace().firedRules()).hasSizeBetween(500, 510);

        assertThat(faulty.decide(request).outcome()).isEqualTo(RefundOutcome.AUTO_APPROVED);
    }

    @Test
    void twoRulesDecidingDifferentDeductionOutcomesChargeNothing() {
        Instant ordered = NOW.minusSeconds(86_400 * 20);
        DeductionRequest confirmed = DeductionRequest.builder("order-conflict", "c", OrderKind.GOODS,
                new BigDecimal("80.00"), ordered).deliveredAt(ordered.plusSeconds(3600))
                .receiptConfirmedAt(ordered.plusSeconds(7200)).build();
        DeductionDecision decision = faulty.decide(confirmed);
        assertThat(decision.outcome()).isEqualTo(DeductionOutcome.MANUAL_REVIEW);
        assertThat(decision.reasonCodes().get(0)).isEqualTo("CONFLICTING_RULES");
        assertThat(decision.reasons().get(0).message()).contains("Waits for one order")
                .contains("Charge on the buyer's confirmation of receipt");
        assertThat(decision.actions()).isEmpty();
        assertThat(decision.chargeAmount()).isEmpty();
    }

    @Test
    void aRuleSetWithoutRulesForADecisionApprovesAndChargesNothing(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        for (String folder : new String[] {"refund", "deduction"}) {
            try (Stream<Path> files = Files.walk(rules.resolve(folder))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        PayAfterEngine onlyEligibility = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();

        RefundDecision refund = onlyEligibility.decide(Requests.refund("10.00"));
        assertThat(refund.outcome()).isEqualTo(RefundOutcome.MANUAL_REVIEW);
        assertThat(refund.reasonCodes()).containsExactly("NOT_APPROVED");

        DeductionDecision deduction = onlyEligibility.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).decide(
                DeductionRequest.builder("o", "c", OrderKind.GOODS, BigDecimal.TEN, NOW.minusSeconds(60)).build());
        assertThat(deduction.outcome()).isEqualTo(DeductionOutcome.MANUAL_REVIEW);
        assertThat(deduction.reasonCodes()).containsExactly("NO_RULE_DECIDED");

        assertThat(onlyEligibility.decide(Requests.zhima(550, "1.00")).eligible()).isTrue();
    }
}
