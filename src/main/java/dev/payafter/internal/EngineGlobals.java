package dev.payafter.internal;

import dev.payafter.facts.DeductionFindings;
import dev.payafter.facts.DeductionPolicy;
import dev.payafter.facts.EligibilityFindings;
import dev.payafter.facts.EligibilityPolicy;
import dev.payafter.facts.Now;
import dev.payafter.facts.RefundFindings;
import dev.payafter.facts.RefundPolicy;
import java.util.Map;
import java.util.function.BiConsumer;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;

/**
 * The globals the engine sets for the rules of each decision kind, and nothing else: a rule file may declare these,
 * with exactly these types, and no other global.
 *
 * <ul>
 *   <li>{@code policy}: the profile's policy, filled in by the decision tables once per session (settled) and then
 *       read by every rule without a join ({@code RefundRequest( paidAmount >= policy.maxPaidAmount )});</li>
 *   <li>{@code findings}: what this decision found, written by the rules' consequences
 *       ({@code findings.fail("ORDER_SHIPPED", ...)});</li>
 *   <li>{@code now} (deductions): the engine clock's now for this decision.</li>
 * </ul>
 *
 * <p>A global is a value the engine hands to one session ({@code policy}) or one decision ({@code findings},
 * {@code now}); none is shared between sessions, so a rule that writes to one cannot reach another consumer's
 * decision, and a session whose policy a decision changed is thrown away ({@code SessionPool}).
 */
final class EngineGlobals {
    static final String POLICY = "policy";
    static final String FINDINGS = "findings";
    static final String NOW = "now";

    private static final Map<String, Map<String, Class<?>>> BY_KIND = Map.of(
            "eligibility", Map.of(POLICY, EligibilityPolicy.class, FINDINGS, EligibilityFindings.class),
            "refund", Map.of(POLICY, RefundPolicy.class, FINDINGS, RefundFindings.class),
            "deduction", Map.of(POLICY, DeductionPolicy.class, FINDINGS, DeductionFindings.class, NOW, Now.class));

    private EngineGlobals() {
    }

    /** The globals of {@code kind} by name, with their types (none for a folder that is not a decision kind). */
    static Map<String, Class<?>> of(String kind) {
        return BY_KIND.getOrDefault(kind, Map.of());
    }

    /** Reports ({@code name}, why) for every global of {@code kieBase} that the engine does not set as declared. */
    static void check(String kind, KieBase kieBase, BiConsumer<String, String> problem) {
        Map<String, Class<?>> allowed = of(kind);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Global global : pkg.getGlobalVariables()) {
                Class<?> type = allowed.get(global.getName());
                if (type == null) {
                    problem.accept(global.getName(), notTheEngines(kind));
                } else if (!type.getName().equals(global.getType())) {
                    problem.accept(global.getName(), "is declared as " + global.getType() + "; the engine sets it to a "
                            + type.getName());
                }
            }
        }
    }

    /** Why a global of another name is refused in folder {@code kind}. */
    static String notTheEngines(String kind) {
        Map<String, Class<?>> allowed = of(kind);
        return "is not one the engine sets; the " + kind + " rules may use "
                + (allowed.isEmpty() ? "no globals" : "only " + names(allowed));
    }

    private static String names(Map<String, Class<?>> allowed) {
        StringBuilder names = new StringBuilder();
        allowed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> names
                .append(names.length() == 0 ? "" : ", ").append(e.getKey()).append(" (")
                .append(e.getValue().getSimpleName()).append(')'));
        return names.toString();
    }
}
