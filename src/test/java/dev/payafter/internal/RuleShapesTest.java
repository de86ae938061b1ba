package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/** Which rule sets let sessions be reused and policies stay settled, read from the compiled rules. */
class RuleShapesTest {
    static KieBase bundled;

    @BeforeAll
    static void compile() {
        bundled = RuleCompiler.compile(RuleSource.bundled()).kieBase("eligibility");
    }

    private static KieBase withRule(Path temp, String folder, String drl) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, folder + "/extra.drl", drl);
        return RuleCompiler.compile(RuleSource.fromDirectory(rules)).kieBase(folder);
    }

    @Test
    void theBundledRulesAllowReuseAndSettlingForEveryKind() {
        assertThat(RuleShapes.of(bundled).reusable).isTrue();
        for (DecisionRunner.Kind kind : new DecisionRunner.Kind[] {Deciders.ELIGIBILITY, Deciders.REFUND,
                Deciders.DEDUCTION}) {
            assertThat(RuleShapes.settleable(bundled, kind.policyType(), kind.factTypes())).as(kind.name()).isNull();
        }
    }

    @Test
    void aRuleThatCouldFireBeforeTheTablesTurnsSettlingOffForItsKindOnly(@TempDir Path temp) {
        KieBase kieBase = withRule(temp, "refund", """
                package refund;
                import dev.payafter.refund.Buyer;
                rule "Early"
                    salience 70000
                when
                    Buyer( id == "x" )
                then
                end
                """);
        assertThat(RuleShapes.settleable(kieBase, Deciders.REFUND.policyType(), Deciders.REFUND.factTypes()))
                .contains("\"Early\" could fire before the policy rules");
        assertThat(RuleShapes.settleable(kieBase, Deciders.ELIGIBILITY.policyType(),
                Deciders.ELIGIBILITY.factTypes())).isNull();
    }

    @Test
    void aPolicyRuleInAnAgendaGroupOrWithATimerTurnsSettlingOff(@TempDir Path temp) {
        KieBase kieBase = withRule(temp, "eligibility", """
                package eligibility;
                import dev.payafter.facts.EligibilityPolicy;
                rule "Grouped"
                    agenda-group "later"
                when
                    EligibilityPolicy( )
                then
                end
                """);
        assertThat(RuleShapes.settleable(kieBase, Deciders.ELIGIBILITY.policyType(),
                Deciders.ELIGIBILITY.factTypes())).contains("\"Grouped\"");
    }

    @Test
    void aRuleThatCanMatchWithoutAFactTurnsReuseOff(@TempDir Path temp) {
        KieBase kieBase = withRule(temp, "deduction", """
                package deduction;
                import dev.payafter.deduction.DeductionRequest;
                rule "Lonely"
                when
                    not DeductionRequest( )
                then
                end
                """);
        RuleShapes shapes = RuleShapes.of(kieBase);
        assertThat(shapes.reusable).isFalse();
        assertThat(shapes.blockers).singleElement().asString().contains("\"Lonely\" can match without any fact");
    }
}
