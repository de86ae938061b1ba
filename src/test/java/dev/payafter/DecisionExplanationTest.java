package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.refund.RefundDecision;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every decision explains itself: outcome, every reason with the rule behind it, the rules that fired, the version. */
class DecisionExplanationTest {
    static PayAfterEngine engine;

    @BeforeAll
    static void bundled() {
        engine = PayAfterEngine.builder().profile("jd").build();
    }

    @Test
    void aRefusalListsEveryFailingReasonWithTheRuleThatFoundIt() {
        Consumer consumer = new Consumer("c-1", List.of(CreditScore.jdXiaobai(299)), RiskAssessment.FAILED, true, 2,
                new BigDecimal("10.00"));
        EligibilityDecision decision = engine.decide(new EligibilityRequest("o-1", Scenario.ECOMMERCE_GOODS,
                new BigDecimal("10.01"), false, consumer, new Merchant("m-1", false, 320)));

        assertThat(decision.eligible()).isFalse();
        assertThat(decision.reasons()).extracting(Reason::code, Reason::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("SCORE_BELOW_MINIMUM", "Score below the profile's minimum"),
                org.assertj.core.groups.Tuple.tuple("SCORE_BELOW_MERCHANT_MINIMUM", "Score below the merchant's own minimum"),
                org.assertj.core.groups.Tuple.tuple("RISK_ASSESSMENT_NOT_PASSED", "Risk assessment not passed"),
                org.assertj.core.groups.Tuple.tuple("CONSUMER_REVOKED", "Consumer revoked for abuse"),
                org.assertj.core.groups.Tuple.tuple("OVERDUE_UNPAID_ORDERS", "Overdue unpaid pay-after-use orders"),
                org.assertj.core.groups.Tuple.tuple("INSUFFICIENT_CREDIT", "Not enough credit left to freeze"),
                org.assertj.core.groups.Tuple.tuple("MERCHANT_NOT_ENABLED", "Merchant has not switched on pay after use"),
                org.assertj.core.groups.Tuple.tuple("PRODUCT_NOT_ENABLED", "Product not marked for pay after use"));
        assertThat(decision.reasons()).filteredOn(r -> r.code().equals("SCORE_BELOW_MINIMUM")).singleElement()
                .extracting(Reason::message).isEqualTo("JD_XIAOBAI score 299 is below the minimum 300");
        assertThat(decision.reasons()).filteredOn(r -> r.code().equals("INSUFFICIENT_CREDIT")).singleElement()
                .extracting(Reason::message).isEqualTo("10.01 yuan must be frozen but only 10.00 yuan of credit is left");
    }

    @Test
    void theTraceNamesTheProfileTheVersionAndTheTableRowThatSetThePolicy() {
        EligibilityDecision decision = engine.decide(new EligibilityRequest("o-2", Scenario.ECOMMERCE_GOODS,
                new BigDecimal("88.00"), true, Consumer.inGoodStanding("c-2", new BigDecimal("100.00"),
                        CreditScore.jdXiaobai(300)), Merchant.enabled("m-2")));

        assertThat(decision.eligible()).isTrue();
        assertThat(decision.creditToFreeze()).contains(new BigDecimal("88.00"));
        assertThat(decision.freeTrialDays()).isEmpty();
        assertThat(decision.trace().profile()).isEqualTo("jd");
        assertThat(decision.trace().ruleSetVersion()).isEqualTo(engine.ruleSet().version());
        assertThat(decision.trace().firedRules())
                .containsExactly("eligibility-policy.drl.csv row 14", "Profile offers pay after use in this scenario");
        assertThat(decision.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("ELIGIBLE");
            assertThat(r.rule()).isEqualTo("Profile offers pay after use in this scenario");
        });
    }

    @Test
    void viewsShareTheCompiledRulesButDecideUnderTheirOwnProfile() {
        PayAfterEngine kuaishou = engine.withProfile("kuaishou");
        assertThat(kuaishou.ruleSet()).isSameAs(engine.ruleSet());
        assertThat(engine.profile()).isEqualTo("jd");

        RefundDecision underJd = engine.decide(Requests.refund("10.00"));
        RefundDecision underKuaishou = kuaishou.decide(Requests.refund("10.00"));
        assertThat(underJd.reasonCodes()).containsExactly("FAST_REFUND_NOT_OFFERED");
        assertThat(underKuaishou.autoApproved()).isTrue();
        assertThat(underKuaishou.trace().profile()).isEqualTo("kuaishou");
        assertThat(underKuaishou.trace().firedRules()).contains("fast-refund-policy.drl.csv row 11");
    }
}
