package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.facts.DeductionFindings;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.EligibilityFindings;
import dev.payafter.facts.EligibilityPolicy;
import dev.payafter.facts.Now;
import dev.payafter.facts.RefundFindings;
import dev.payafter.facts.RefundPolicy;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.TradingHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fact per decision: what the bundled rules need in a session, and rule sets written in the older shape. */
class DecisionShapeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void theBundledRulesGetTheRequestAsTheirOnlyFactAndThePolicyFindingsAndNowAsGlobals() {
        CompiledRules rules = BundledModel.load(RuleSource.bundled());
        DecisionShape eligibility = rules.shape(Deciders.ELIGIBILITY);
        assertThat(eligibility.inserts(EligibilityRequest.class)).isTrue();
        for (Class<?> part : new Class<?>[] {Consumer.class, Merchant.class, CreditScore.class,
                EligibilityFindings.class}) {
            assertThat(eligibility.inserts(part)).as(part.getSimpleName()).isFalse();
        }
        assertThat(eligibility.inserts(EligibilityPolicy.class)).as("the tables fill the policy in").isTrue();
        DecisionShape refund = rules.shape(Deciders.REFUND);
        assertThat(refund.inserts(RefundRequest.class)).isTrue();
        for (Class<?> part : new Class<?>[] {Buyer.class, TradingHistory.class, RefundFindings.class}) {
            assertThat(refund.inserts(part)).as(part.getSimpleName()).isFalse();
        }
        DecisionShape deduction = rules.shape(Deciders.DEDUCTION);
        assertThat(deduction.inserts(DeductionRequest.class)).isTrue();
        assertThat(deduction.inserts(Now.class)).isFalse();
        assertThat(deduction.inserts(DeductionFindings.class)).isFalse();
        assertThat(deduction.inserts(DeductionPolicy.class)).isTrue();
        assertThat(deduction.nowGlobal && deduction.policyGlobal && deduction.findingsGlobal).isTrue();
        assertThat(refund.nowGlobal).as("refund rules have no now").isFalse();
    }

    @Test
    void aRuleInTheOlderShapeJoiningItsFactsStillDecidesBesideTheNewOnes(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        // a pattern per part and the findings as a fact, as rules were written before the policy and findings globals
        TestRules.write(rules, "refund/older-shape.drl", """
                package refund;
                import dev.payafter.facts.RefundFindings;
                import dev.payafter.facts.RefundPolicy;
                import dev.payafter.refund.Buyer;
                import dev.payafter.refund.RefundRequest;
                rule "Buyer x is never refunded fast"
                when
                    RefundPolicy( maxPaidAmount != null )
                    RefundRequest( $paid : paidAmount )
                    Buyer( id == "buyer-x" )
                    $findings : RefundFindings( )
                then
                    $findings.fail("BUYER_X", "buyer x paid " + $paid.toPlainString());
                end
                """);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").clock(CLOCK).build();
        RefundRequest usual = Requests.refund("50.00");
        assertThat(engine.decide(usual).autoApproved()).isTrue();
        RefundRequest x = new RefundRequest("o-x", new Buyer("buyer-x", true, null, false), usual.paidAmount(),
                usual.shipping(), usual.category(), false);
        for (int i = 0; i < 3; i++) { // a settled session, reused
            RefundDecision decision = engine.decide(x);
            assertThat(decision.autoApproved()).isFalse();
            assertThat(decision.reasonCodes()).containsExactly("BUYER_X");
            assertThat(decision.reasons().get(0).rule()).isEqualTo("Buyer x is never refunded fast");
            assertThat(engine.decide(usual).autoApproved()).isTrue();
        }
        assertThat(engine.ruleSet().version()).isNotEmpty();
    }

    @Test
    void aRuleThatReportsWhileThePolicySettlesFailsEveryDecisionClosedAndSaysWhy(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        // it matches the policy alone: it would fire once per session, before any request, for no decision
        TestRules.write(rules, "refund/no-request.drl", """
                package refund;
                import dev.payafter.facts.RefundFindings;
                import dev.payafter.facts.RefundPolicy;
                global RefundFindings findings;
                rule "Approves on the policy alone"
                when
                    RefundPolicy( maxPaidAmount != null )
                then
                    findings.approve("ALWAYS", "the profile offers fast refund");
                end
                """);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").clock(CLOCK).build();
        for (int i = 0; i < 3; i++) {
            RefundDecision decision = engine.decide(Requests.refund("50.00"));
            assertThat(decision.autoApproved()).isFalse();
            assertThat(decision.reasonCodes()).first().isEqualTo("RULE_ERROR");
            assertThat(decision.reasons().get(0).message()).contains("Approves on the policy alone")
                    .contains("while the policy settled").contains("must match the request");
        }
    }
}
