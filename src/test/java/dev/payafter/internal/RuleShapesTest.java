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
    static CompiledRules bundled;

    @BeforeAll
    static void compile() {
        bundled = RuleCompiler.compile(RuleSource.bundled());
    }

    private static KieBase withRule(Path temp, String folder, String drl) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.write(rules, folder + "/extra.drl", drl);
        return RuleCompiler.compile(RuleSource.fromDirectory(rules)).kieBase(folder);
    }

    @Test
    void theBundledRulesAllowReuseAndSettlingForEveryKind() {
        for (DecisionRunner.Kind kind : new DecisionRunner.Kind[] {Deciders.ELIGIBILITY, Deciders.REFUND,
                Deciders.DEDUCTION}) {
            KieBase kieBase = bundled.kieBase(kind.name());
            assertThat(RuleShapes.of(kieBase).reusable).as(kind.name()).isTrue();
            DecisionShape shape = bundled.shape(kind);
            assertThat(shape.policyGlobal).as(kind.name()).isTrue();
            assertThat(shape.findingsGlobal).as(kind.name()).isTrue();
            assertThat(RuleShapes.settleable(kieBase, kind.policyType(), kind.factTypes(), true)).as(kind.name())
                    .isNull();
        }
    }

    @Test
    void aRuleThatCouldFireBeforeTheTablesTurnsSettlingOffOnlyWhereTheRulesJoinThePolicy(@TempDir Path temp) {
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
        // rules that join the policy fact: "Early" could fire before the tables fill it in
        assertThat(RuleShapes.settleable(kieBase, Deciders.REFUND.policyType(), Deciders.REFUND.factTypes(), false))
                .contains("\"Early\" could fire before the policy rules");
        // rules that read the policy global: every decision settles the policy before its request goes in
        assertThat(RuleShapes.settleable(kieBase, Deciders.REFUND.policyType(), Deciders.REFUND.factTypes(), true))
                .isNull();
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
                Deciders.ELIGIBILITY.factTypes(), true)).contains("\"Grouped\"");
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
