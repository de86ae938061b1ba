package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A very slow rule (it sleeps 20 s) under a 300 ms time budget: the decision fails closed long before the rule
 * would finish, says why, and the engine keeps serving other requests. (The rule that throws and the rules that
 * loop are in FailClosedTest.) The test asserts the bound, it does not measure speed: the only figure is "well
 * before the rule's 20 s".
 */
class SlowRuleTest {
    static final Instant NOW = Instant.parse("2026-03-20T04:00:00Z");
    static PayAfterEngine engine;

    @BeforeAll
    static void slowRules(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/slow.drl", """
                package eligibility;
                import dev.payafter.eligibility.EligibilityRequest;
                rule "Takes its time for one order"
                when
                    EligibilityRequest( orderId == "order-slow" )
                then
                    Thread.sleep(20000);
                end
                """);
        TestRules.write(rules, "deduction/slow.drl", """
                package deduction;
                import dev.payafter.deduction.DeductionRequest;
                rule "Takes its time for one deduction"
                when
                    DeductionRequest( orderId == "order-slow" )
                then
                    Thread.sleep(20000);
                end
                """);
        engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").allowRuleAccessTo("java.lang.Thread")
                .timeBudget(Duration.ofMillis(300)).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aSlowRuleFailsTheDecisionClosedWithinTheBudget() {
        EligibilityRequest normal = Requests.zhima(700, "10.00");
        EligibilityRequest slow = new EligibilityRequest("order-slow", normal.scenario(), normal.amount(), true,
                normal.consumer(), normal.merchant());
        long started = System.nanoTime();
        EligibilityDecision decision = engine.decide(slow);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(decision.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
        assertThat(decision.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("RULE_TIME_BUDGET");
            assertThat(r.message()).contains("300 ms").contains("fails closed");
        });
        assertThat(decision.creditToFreeze()).isEmpty();
        assertThat(decision.trace().ruleSetVersion()).isEqualTo(engine.ruleSet().version());

        assertThat(engine.decide(normal).outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
    }

    @Test
    void aSlowDeductionRuleChargesNothing() {
        Instant ordered = NOW.minus(Duration.ofDays(20));
        DeductionDecision decision = engine.decide(DeductionRequest.builder("order-slow", "c-1", OrderKind.GOODS,
                new BigDecimal("99.00"), ordered).deliveredAt(ordered.plus(Duration.ofDays(1)))
                .receiptConfirmedAt(ordered.plus(Duration.ofDays(2))).build());
        assertThat(decision.outcome()).isEqualTo(DeductionOutcome.MANUAL_REVIEW);
        assertThat(decision.reasonCodes()).containsExactly("RULE_TIME_BUDGET");
        assertThat(decision.actions()).isEmpty();
        assertThat(decision.chargeAmount()).isEmpty();
    }

    @Test
    void anInvalidRequestIsStillRefusedAsInvalidUnderABudget() {
        DeductionRequest fromTheFuture = DeductionRequest.builder("o-2", "c-2", OrderKind.GOODS, BigDecimal.TEN,
                NOW.plusSeconds(60)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.decide(fromTheFuture))
                .isInstanceOf(dev.payafter.InvalidRequestException.class)
                .hasMessageStartingWith("DeductionRequest.orderedAt");
    }
}
