package dev.payafter.internal;

import java.util.ArrayList;
import java.util.List;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the rules of a KieBase look like, as far as reusing a session between decisions is concerned.
 *
 * <p>A session may decide again after its facts are deleted only if no rule can match without one of them: a rule
 * whose every way to match (every branch of an {@code or}) holds a plain pattern (no {@code from}, not under
 * {@code not}, {@code exists}, {@code forall} or an accumulate) over a fact type. A rule that can match on nothing
 * (an empty condition, only {@code not}, {@code exists} or {@code eval}) fires once in a fresh session; in a reused
 * one its match would outlive the decision and it would not fire again. Rules with timers or calendars keep a
 * timer service in the session. For a KieBase with any such rule, sessions are not reused.
 */
final class RuleShapes {
    private static final Logger LOG = LoggerFactory.getLogger(RuleShapes.class);

    /** Whether sessions may be reused (facts deleted between decisions). */
    final boolean reusable;
    /** The rules that make sessions not reusable, for the log. */
    final List<String> blockers;

    private RuleShapes(List<String> blockers) {
        this.reusable = blockers.isEmpty();
        this.blockers = List.copyOf(blockers);
    }

    static RuleShapes of(KieBase kieBase) {
        List<String> blockers = new ArrayList<>();
        try {
            for (KiePackage kiePackage : kieBase.getKiePackages()) {
                for (Rule rule : kiePackage.getRules()) {
                    String why = blocker(rule);
                    if (why != null) {
                        blockers.add("\"" + rule.getName() + "\" " + why);
                    }
                }
            }
        } catch (RuntimeException e) { // an unexpected rule model: do not reuse sessions
            blockers.add("(the rules could not be inspected: " + e + ")");
        }
        if (!blockers.isEmpty()) {
            LOG.info("sessions are not reused between decisions because of rule(s) {}", blockers);
        }
        return new RuleShapes(blockers);
    }

    private static String blocker(Rule rule) {
        if (!(rule instanceof RuleImpl impl)) {
            return "is not a compiled rule (" + rule.getClass().getName() + ")";
        }
        if (impl.isQuery()) {
            return null; // a query never fires
        }
        if (impl.getTimer() != null || impl.getCalendars() != null && impl.getCalendars().length > 0) {
            return "has a timer or calendars";
        }
        if (!needsAFact(impl.getLhs())) {
            return "can match without any fact";
        }
        return null;
    }

    /** Whether every way the element can match holds a plain pattern over a fact type. */
    static boolean needsAFact(RuleConditionElement element) {
        if (element instanceof Pattern pattern) {
            return pattern.getSource() == null && pattern.getObjectType() instanceof ClassObjectType type
                    && type != ClassObjectType.InitialFact_ObjectType
                    && type.getClassType() != org.drools.base.InitialFact.class;
        }
        if (element instanceof GroupElement group) {
            if (group.isAnd()) {
                for (RuleConditionElement child : group.getChildren()) {
                    if (needsAFact(child)) {
                        return true;
                    }
                }
                return false;
            }
            if (group.isOr()) {
                for (RuleConditionElement child : group.getChildren()) {
                    if (!needsAFact(child)) {
                        return false;
                    }
                }
                return !group.getChildren().isEmpty();
            }
        }
        return false; // not, exists, forall, eval, from, accumulate, collect, queries, ...
    }
}
