package dev.payafter.internal;

import java.util.HashSet;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;

/**
 * What one decision kind's rules need in a session, read from its KieBase once: which of the decision's facts some
 * rule matches (only those are inserted), and which of the engine's globals ({@link EngineGlobals}) they declare (only
 * those are set).
 *
 * <p>The bundled rules are written in the "one fact per decision" shape: the request is the only fact a decision
 * inserts, its parts reached through it ({@code EligibilityRequest( consumer.revokedForAbuse )}), the policy read
 * from the {@code policy} global and the findings written to the {@code findings} global, so no rule joins two facts.
 * Rule sets in the older shape (a pattern per part, {@code $findings : RefundFindings( )} in every rule) decide
 * exactly as before: the engine inserts every fact some rule matches.
 *
 * <p>With a {@code policy} global, constraints read the policy when the request is inserted, so the policy must be
 * complete by then: a decision first inserts the policy alone and fires (the decision tables fill it in; this is the
 * settle, done once per pooled session), then inserts the request and fires again. A rule that reports a finding while
 * the policy settles matches no request; the findings it would write to refuse it ({@code Findings#settling}).
 */
final class DecisionShape {
    private final Set<Class<?>> inserted;
    final boolean policyGlobal;
    final boolean findingsGlobal;
    final boolean nowGlobal;

    private DecisionShape(Set<Class<?>> inserted, Set<String> globals) {
        this.inserted = Set.copyOf(inserted);
        this.policyGlobal = globals.contains(EngineGlobals.POLICY);
        this.findingsGlobal = globals.contains(EngineGlobals.FINDINGS);
        this.nowGlobal = globals.contains(EngineGlobals.NOW);
    }

    static DecisionShape of(KieBase kieBase, DecisionRunner.Kind kind) {
        Set<Class<?>> matched = new HashSet<>();
        Set<String> globals = new HashSet<>();
        try {
            for (KiePackage pkg : kieBase.getKiePackages()) {
                for (Global global : pkg.getGlobalVariables()) {
                    globals.add(global.getName());
                }
                for (Rule rule : pkg.getRules()) {
                    patternTypes(((RuleImpl) rule).getLhs(), matched);
                }
            }
        } catch (RuntimeException e) { // an unexpected rule model: insert every fact, as a plain embedding does
            return new DecisionShape(kind.factTypes(), globals);
        }
        Set<Class<?>> inserted = new HashSet<>();
        for (Class<?> fact : kind.factTypes()) {
            for (Class<?> type : matched) {
                if (type.isAssignableFrom(fact)) {
                    inserted.add(fact);
                    break;
                }
            }
        }
        return new DecisionShape(inserted, globals);
    }

    /** Whether some rule matches facts of {@code type} in working memory (else inserting them is pointless). */
    boolean inserts(Class<?> type) {
        return inserted.contains(type);
    }

    /** Every class of working-memory fact a pattern of {@code element} is over ({@code from} sources left out). */
    private static void patternTypes(RuleConditionElement element, Set<Class<?>> types) {
        if (element instanceof Pattern pattern) {
            if (pattern.getSource() == null && pattern.getObjectType() instanceof ClassObjectType type) {
                types.add(type.getClassType());
            } else if (pattern.getSource() != null) {
                patternTypes(pattern.getSource(), types);
            }
            return;
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            patternTypes(nested, types);
        }
    }

    @Override
    public String toString() {
        return "DecisionShape[inserts " + inserted + ", globals policy=" + policyGlobal + " findings=" + findingsGlobal
                + " now=" + nowGlobal + "]";
    }
}
