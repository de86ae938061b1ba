package dev.payafter;

import static dev.payafter.Requests.withOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.RefundDecision;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions keep a decision's policy fact settled (inserted once, its table rows fired once) when the rules allow
 * it. A decision made that way is the decision of a fresh session, fired rules in the same order included; rules
 * that could fire before the table rows turn settling off; a rule that changes the policy during a decision costs
 * that session, never the next decision.
 */
class SettledPolicyTest {
    static final Instant NOW = Instant.parse("2026-04-01T02:00:00Z");
    static PayAfterEngine settled;
    static PayAfterEngine inFull;
    static PayAfterEngine meddling;

    @BeforeAll
    static void engines(@TempDir Path temp) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        // both engines compile the same way (a rules directory): the comparison is settled against fresh sessions
        // only; the bundled rules' precompiled model may order rules of equal priority differently
        settled = PayAfterEngine.builder().rules(TestRules.copyOfBundled(temp.resolve("settled"))).profile("kuaishou")
                .clock(clock).build();

        // a policy rule in an agenda group that never gets the focus (it never fires) turns settling off for its decision kind: every
        // decision then settles its own policy in a session that held nothing, as a fresh session would
        Path full = TestRules.copyOfBundled(temp.resolve("full"));
        for (String[] kind : new String[][] {{"eligibility", "EligibilityPolicy"}, {"refund", "RefundPolicy"},
                {"deduction", "DeductionPolicy"}}) {
            TestRules.write(full, kind[0] + "/never.drl", """
                    package %s;
                    import dev.payafter.facts.%s;
                    rule "Never fires, but keeps the policy from settling"
                        agenda-group "never"
                    when
                        %s( )
                    then
                    end
                    """.formatted(kind[0], kind[1], kind[1]));
        }
        TestRules.write(full, "eligibility/early.drl", """
                package eligibility;
                import dev.payafter.eligibility.EligibilityRequest;
                import dev.payafter.facts.EligibilityPolicy;
                rule "Earlier than the table for one order"
                    salience 100000
                when
                    $policy : EligibilityPolicy( )
                    EligibilityRequest( orderId == "order-early" )
                then
                    modify($policy){ setMinimumScore(900) }
                end
                """);
        inFull = PayAfterEngine.builder().rules(full).profile("kuaishou").clock(clock).build();

        Path rules = TestRules.copyOfBundled(temp.resolve("meddling"));
        TestRules.write(rules, "eligibility/meddling.drl", """
                package eligibility;
                import dev.payafter.eligibility.EligibilityRequest;
                import dev.payafter.facts.EligibilityPolicy;
                rule "Stricter minimum for one order"
                when
                    $policy : EligibilityPolicy( minimumScore != null, minimumScore < 900 )
                    EligibilityRequest( orderId == "order-strict" )
                then
                    modify($policy){ setMinimumScore(900) }
                end
                rule "Quietly stricter for one order"
                when
                    $policy : EligibilityPolicy( )
                    EligibilityRequest( orderId == "order-quiet" )
                then
                    $policy.setMinimumScore(900);
                end
                """);
        meddling = PayAfterEngine.builder().rules(rules).profile("kuaishou").clock(clock).build();
    }

    /** Everything but the rule-set version (the rule sets differ by the extra rules). */
    static String summary(Object decision) {
        if (decision instanceof EligibilityDecision d) {
            return d.orderId() + " " + d.outcome() + " " + d.reasons() + " " + d.creditToFreeze() + " "
                    + d.freeTrialDays() + " " + d.trace().profile() + " " + d.trace().firedRules();
        }
        if (decision instanceof RefundDecision d) {
            return d.orderId() + " " + d.outcome() + " " + d.reasons() + " " + d.notice() + " " + d.trace().profile()
                    + " " + d.trace().firedRules();
        }
        DeductionDecision d = (DeductionDecision) decision;
        return d.orderId() + " " + d.outcome() + " " + d.reasons() + " " + d.actions() + " " + d.chargeAmount() + " "
                + d.nextCheckAt() + " " + d.lossBearer() + " " + d.trace().profile() + " " + d.trace().firedRules();
    }

    @Test
    void aSettledDecisionIsTheDecisionOfAFreshSessionFiredRulesInOrderIncluded() {
        RandomRequests random = new RandomRequests(7, NOW);
        for (int i = 0; i < 600; i++) {
            String profile = random.profile();
            PayAfterEngine a = settled.withProfile(profile);
            PayAfterEngine b = inFull.withProfile(profile);
            EligibilityRequest e = random.eligibility();
            assertThat(summary(a.decide(e))).isEqualTo(summary(b.decide(e)));
            var r = random.refund();
            assertThat(summary(a.decide(r))).isEqualTo(summary(b.decide(r)));
            var d = random.deduction();
            assertThat(summary(a.decide(d))).isEqualTo(summary(b.decide(d)));
        }
    }

    @Test
    void aRuleThatChangesThePolicyWhileDecidingFailsItsOwnDecisionClosedAndNoOther() {
        // the bundled rules read the policy through the global, settled before the request: a change made while
        // deciding would be seen by some rules and not others, so the decision fails closed, whether the change is
        // a modify or a plain setter
        EligibilityRequest request = Requests.zhima(800, "50.00");
        for (int i = 0; i < 3; i++) {
            for (String orderId : new String[] {"order-strict", "order-quiet"}) {
                EligibilityDecision changed = meddling.decide(withOrderId(request, orderId));
                assertThat(changed.eligible()).as(orderId).isFalse();
                assertThat(changed.reasonCodes()).as(orderId).first().isEqualTo("RULE_ERROR");
                assertThat(changed.reasons().get(0).message()).contains("changed the profile's policy while deciding");
                assertThat(meddling.decide(request).eligible()).isTrue();
            }
        }
    }

    @Test
    void theTablesFillThePolicyBeforeAnyRuleSeesTheRequestWhateverItsSalience() {
        // a rule of higher salience than the table rows still fires after them: the policy settles before the request
        // is inserted; that rule then changes the policy while deciding, which fails the decision closed
        EligibilityDecision early = inFull.decide(withOrderId(Requests.zhima(800, "50.00"), "order-early"));
        assertThat(early.eligible()).isFalse();
        assertThat(early.reasonCodes()).first().isEqualTo("RULE_ERROR");
        assertThat(early.trace().firedRules()).startsWith("eligibility-policy.drl.csv row 11",
                "Earlier than the table for one order");
    }
}
