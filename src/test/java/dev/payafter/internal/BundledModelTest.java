package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/**
 * The build precompiles the bundled rules to an executable model ({@link BundledModelGenerator}); engines on the
 * bundled rules load it instead of compiling, but only when it was made from exactly the bundled files. (That its
 * decisions are the compiled rules' decisions is shown by DifferentialTest and SettledPolicyTest, which compare the
 * bundled engine with the plain Java reference and with a compiled one.)
 */
class BundledModelTest {

    @Test
    void theBuildPrecompiledTheBundledRulesAndEnginesUseThem() {
        CompiledRules rules = BundledModel.load(RuleSource.bundled());
        assertThat(rules).as("the precompiled model (made by the build in process-test-classes)").isNotNull();
        assertThat(rules.kieBases()).containsOnlyKeys("eligibility", "refund", "deduction");
        assertThat(rules.info().version()).isEqualTo(RuleSource.bundled().version());
        assertThat(rules.profiles()).containsKeys("kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score", "alipay");
    }

    @Test
    void thePrecompiledRulesReuseSessionsAndSettleEveryPolicy() {
        CompiledRules rules = BundledModel.load(RuleSource.bundled());
        for (DecisionRunner.Kind kind : new DecisionRunner.Kind[] {Deciders.ELIGIBILITY, Deciders.REFUND,
                Deciders.DEDUCTION}) {
            KieBase kieBase = rules.kieBase(kind.name());
            assertThat(RuleShapes.of(kieBase).blockers).as(kind.name()).isEmpty();
            assertThat(RuleShapes.settleable(kieBase, kind.policyType(), kind.factTypes(),
                    rules.shape(kind).policyGlobal)).as(kind.name()).isNull();
        }
    }

    @Test
    void aModelOfOtherRulesIsNotUsed(@TempDir Path temp) {
        Path rules = TestRules.copyOfBundled(temp);
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        assertThat(BundledModel.load(RuleSource.fromDirectory(rules))).isNull();
    }
}
