package dev.payafter;

import static dev.payafter.Requests.withOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions reuse sessions; nothing of one decision may reach the next. A decision made on the same thread right
 * after a rule threw, after the fire limit, or after rules inserted facts of their own, is exactly the decision a
 * fresh engine makes; a rule that can match without any fact fires in every decision, as in a fresh session.
 */
class SessionReuseTest {
    static PayAfterEngine faulty;
    static PayAfterEngine fresh;

    @BeforeAll
    static void rules(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, "eligibility/faults.drl", TestRules.THROWS_FOR_ORDER_BOOM);
        TestRules.write(rules, "refund/faults.drl", TestRules.LOOPS_FOR_ORDER_LOOP + """
                import dev.payafter.facts.RefundFindings;
                declare Marker
                end
                rule "Leaves a marker behind for one order"
                when
                    RefundRequest( orderId == "order-mark" )
                then
                    insert(new Marker());
                end
                rule "Refuses when a marker is there"
                when
                    Marker( )
                    $findings : RefundFindings( )
                then
                    $findings.fail("MARKED", "a marker is in the session");
                end
                """);
        faulty = PayAfterEngine.builder().rules(rules).profile("kuaishou").fireLimit(500).build();
        fresh = PayAfterEngine.builder().profile("kuaishou").build();
    }

    /** Outcome, reasons and fired rules, without the rule-set version (the two engines' rule sets differ). */
    private static String summary(EligibilityDecision d) {
        return d.outcome() + " " + d.reasons() + " " + d.creditToFreeze() + " " + d.trace().firedRules();
    }

    private static String summary(RefundDecision d) {
        return d.outcome() + " " + d.reasons() + " " + d.notice() + " " + d.trace().firedRules();
    }

    @Test
    void aDecisionAfterARuleThrewOnTheSameThreadIsClean() {
        EligibilityRequest request = Requests.zhima(800, "50.00");
        for (int i = 0; i < 3; i++) {
            EligibilityDecision boom = faulty.decide(withOrderId(request, "order-boom"));
            assertThat(boom.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
            assertThat(boom.reasonCodes()).startsWith("RULE_ERROR");

            assertThat(summary(faulty.decide(request))).isEqualTo(summary(fresh.decide(request)));
        }
    }

    @Test
    void aDecisionAfterTheFireLimitOnTheSameThreadIsClean() {
        RefundRequest request = Requests.refund("10.00");
        for (int i = 0; i < 3; i++) {
            RefundDecision loop = faulty.decide(withOrderId(request, "order-loop"));
            assertThat(loop.reasonCodes()).contains("RULE_FIRE_LIMIT");

            RefundDecision next = faulty.decide(request);
            assertThat(next.outcome()).isEqualTo(RefundOutcome.AUTO_APPROVED);
            assertThat(summary(next)).isEqualTo(summary(fresh.decide(request)));
        }
    }

    @Test
    void factsTheRulesInsertedDoNotReachTheNextDecision() {
        RefundRequest request = Requests.refund("10.00");
        for (int i = 0; i < 3; i++) {
            assertThat(faulty.decide(withOrderId(request, "order-mark")).reasonCodes()).contains("MARKED");
            RefundDecision next = faulty.decide(request);
            assertThat(next.reasonCodes()).doesNotContain("MARKED");
            assertThat(summary(next)).isEqualTo(summary(fresh.decide(request)));
        }
    }

    @Test
    void decidingOthersInBetweenChangesNothing() {
        EligibilityRequest first = Requests.zhima(700, "99.00");
        EligibilityDecision before = fresh.decide(first);
        for (int score = 350; score <= 950; score += 50) {
            fresh.decide(Requests.zhima(score, "3000.00"));
            fresh.withProfile("jd").decide(Requests.zhima(score, "1.00"));
            fresh.decide(Requests.refund(score + ".00"));
        }
        assertThat(fresh.decide(first)).isEqualTo(before);
    }

    /** Rules that match without any of the decision's facts: each must fire once in every decision. */
    @Test
    void rulesThatNeedNoFactFireInEveryDecision(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        List<String> conditions = List.of("", "not RefundRequest( orderId == \"never\" )", "not String( )",
                "eval( true )", "not RefundRequest( orderId == \"never\" ) or RefundRequest( )");
        StringBuilder drl = new StringBuilder("package refund;\nimport dev.payafter.refund.RefundRequest;\n");
        for (int i = 0; i < conditions.size(); i++) {
            drl.append("rule \"Always ").append(i).append("\"\nwhen\n    ").append(conditions.get(i))
                    .append("\nthen\nend\n");
        }
        TestRules.write(rules, "refund/always.drl", drl.toString());
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        for (int i = 0; i < 4; i++) {
            assertThat(engine.decide(Requests.refund(i + ".00")).trace().firedRules()).as("decision %d", i)
                    .contains("Always 0", "Always 1", "Always 2", "Always 3", "Always 4");
        }
    }
}
