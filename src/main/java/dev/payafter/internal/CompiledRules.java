package dev.payafter.internal;

import dev.payafter.RuleSetInfo;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * A compiled rule set: one KieBase per decision kind (absent when the rule set has no rules for it), the
 * profiles and what it was built from. Immutable; shared by every thread and every engine view.
 */
public record CompiledRules(Map<String, KieBase> kieBases, Map<String, String> profiles, RuleSetInfo info) {

    public CompiledRules {
        kieBases = Map.copyOf(kieBases);
        profiles = Map.copyOf(profiles);
    }

    /** The same compiled rules described by {@code newInfo} (a label, a load time). */
    public CompiledRules withInfo(RuleSetInfo newInfo) {
        return new CompiledRules(kieBases, profiles, newInfo);
    }

    /** The KieBase for a decision kind, or {@code null} when the rule set has no rules for it. */
    public KieBase kieBase(String kind) {
        return kieBases.get(kind);
    }
}
