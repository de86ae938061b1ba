package dev.payafter;

import java.util.List;
import java.util.Objects;

/**
 * What every decision carries besides its outcome: which profile and rule set decided it, and which rules
 * fired, in firing order (decision-table rows included).
 *
 * @param profile the platform profile the engine decided under, for example {@code kuaishou}
 * @param ruleSetVersion the content hash of the rule files that decided it (see {@link RuleSetInfo#version()})
 * @param firedRules the names of the rules that fired, in order
 */
public record DecisionTrace(String profile, String ruleSetVersion, List<String> firedRules) {

    public DecisionTrace {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        firedRules = List.copyOf(firedRules);
    }
}
