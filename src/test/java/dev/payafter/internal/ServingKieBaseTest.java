package dev.payafter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.TestRules;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.conf.KieBaseMutabilityOption;

/** Every serving KieBase, bundled or compiled from a directory, is built with Drools' mutability disabled. */
class ServingKieBaseTest {
    private static KieBaseMutabilityOption mutability(KieBase kieBase) {
        return ((InternalRuleBase) kieBase).getKieBaseConfiguration().getOption(KieBaseMutabilityOption.KEY);
    }

    @Test
    void theBundledModelsKieBaseIsNotMutable() {
        CompiledRules rules = BundledModel.compiledRules();
        assertThat(rules.kieBases()).isNotEmpty();
        rules.kieBases().values().forEach(kb -> assertThat(mutability(kb)).isEqualTo(KieBaseMutabilityOption.DISABLED));
    }

    @Test
    void aDirectorysKieBaseIsNotMutable() {
        CompiledRules rules = RuleCompiler.compile(RuleSource.fromDirectory(TestRules.BUNDLED));
        assertThat(rules.kieBases()).isNotEmpty();
        rules.kieBases().values().forEach(kb -> assertThat(mutability(kb)).isEqualTo(KieBaseMutabilityOption.DISABLED));
    }
}
