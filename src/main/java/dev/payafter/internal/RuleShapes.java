package dev.payafter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.EnabledBoolean;
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
 * What the rules of a KieBase look like, as far as reusing sessions between decisions is concerned. Two questions,
 * both answered from the compiled rules once per KieBase (and decision kind):
 *
 * <p><b>May a session decide again after its facts are deleted?</b> Only if no rule can match without one of them:
 * a rule whose every way to match (every branch of an {@code or}) holds a plain pattern (no {@code from}, not under
 * {@code not}, {@code exists}, {@code forall} or an accumulate) over a fact type. A rule that can match on nothing
 * (an empty condition, only {@code not}, {@code exists} or {@code eval}) fires once in a fresh session; in a reused
 * one its match would outlive the decision and it would not fire again. Rules with timers or calendars keep a timer
 * service in the session. For a KieBase with any such rule, sessions are not reused ({@link #reusable}).
 *
 * <p><b>May the policy fact stay in the session, settled once?</b> ({@link #settleable}) The engine inserts one
 * policy fact per decision ({@code EligibilityPolicy} and the like) that depends only on the profile and a key of
 * the request (the scenario, the category, the order kind), and decision-table rows fill it in. When the rules that
 * match on the policy alone (the "policy rules": every pattern over the policy type, nothing else) are sure to fire
 * before any other rule in a fresh session, a session can insert the policy once, let those rules fire once (the
 * "settle"), and then decide any number of requests with that key, each time adding the settled rules to the
 * decision's trace in front: the decision, its reasons and its fired rules are exactly those of a fresh session.
 * That holds when every policy rule has a fixed salience, is in the main agenda group, has no activation or
 * rule-flow group, timer, calendar, date or lock-on-active, and is always enabled; and every other rule that could
 * match the decision's facts at the start has a fixed salience below every policy rule's and no auto-focus. The
 * engine checks the rest as it goes (see {@code SessionPool}): the settle inserts nothing and stays under the fire
 * limit, and a decision leaves the policy exactly as the settle left it, or the session is thrown away.
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
            for (RuleImpl rule : rules(kieBase, blockers)) {
                String why = blocker(rule);
                if (why != null) {
                    blockers.add("\"" + rule.getName() + "\" " + why);
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

    /**
     * Why a policy of type {@code policy} cannot stay settled in sessions deciding with facts of {@code factTypes}
     * (the policy among them), or {@code null} when it can. With {@code policyGlobal} (the rules read the policy
     * through the global, {@link DecisionShape}) the settle is part of every decision, so only the policy rules'
     * own shape matters.
     */
    static String settleable(KieBase kieBase, Class<?> policy, Set<Class<?>> factTypes, boolean policyGlobal) {
        try {
            List<String> problems = new ArrayList<>();
            List<RuleImpl> all = rules(kieBase, problems);
            if (!problems.isEmpty()) {
                return problems.toString();
            }
            int lowestPolicyRule = Integer.MAX_VALUE;
            List<RuleImpl> others = new ArrayList<>();
            for (RuleImpl rule : all) {
                if (rule.isQuery()) {
                    continue;
                }
                if (onlyOver(rule.getLhs(), policy)) {
                    String why = policyRuleProblem(rule);
                    if (why != null) {
                        return "policy rule \"" + rule.getName() + "\" " + why;
                    }
                    lowestPolicyRule = Math.min(lowestPolicyRule, rule.getSalience().getValue());
                } else if (canMatch(rule.getLhs(), factTypes)) {
                    others.add(rule);
                }
            }
            if (lowestPolicyRule == Integer.MAX_VALUE) {
                return "no rule matches on the policy alone";
            }
            // with the policy global, every decision settles its policy before the request is inserted, so no other
            // rule can fire first whatever its salience
            for (RuleImpl rule : policyGlobal ? List.<RuleImpl>of() : others) {
                if (rule.getSalience().isDynamic() || rule.getSalience().getValue() >= lowestPolicyRule) {
                    return "rule \"" + rule.getName() + "\" could fire before the policy rules (salience "
                            + rule.getSalience() + ")";
                }
                if (rule.getAutoFocus()) {
                    return "rule \"" + rule.getName() + "\" has auto-focus";
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "the rules could not be inspected: " + e;
        }
    }

    private static List<RuleImpl> rules(KieBase kieBase, List<String> problems) {
        List<RuleImpl> rules = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                if (rule instanceof RuleImpl impl) {
                    rules.add(impl);
                } else {
                    problems.add("\"" + rule.getName() + "\" is not a compiled rule (" + rule.getClass().getName() + ")");
                }
            }
        }
        return rules;
    }

    private static String blocker(RuleImpl rule) {
        if (rule.isQuery()) {
            return null; // a query never fires
        }
        if (rule.getTimer() != null || rule.getCalendars() != null && rule.getCalendars().length > 0) {
            return "has a timer or calendars";
        }
        if (!needsAFact(rule.getLhs())) {
            return "can match without any fact";
        }
        return null;
    }

    private static String policyRuleProblem(RuleImpl rule) {
        if (rule.getSalience().isDynamic()) {
            return "has a salience computed per match";
        }
        if (!rule.isMainAgendaGroup() || rule.getAutoFocus()) {
            return "is in agenda group " + rule.getAgendaGroup();
        }
        if (rule.getActivationGroup() != null || rule.getRuleFlowGroup() != null) {
            return "has an activation or rule-flow group";
        }
        if (rule.getTimer() != null || rule.getCalendars() != null && rule.getCalendars().length > 0
                || rule.getDateEffective() != null || rule.getDateExpires() != null) {
            return "depends on time (timer, calendars, dates)";
        }
        if (rule.isLockOnActive()) {
            return "is lock-on-active";
        }
        if (rule.getEnabled() != EnabledBoolean.ENABLED_TRUE) {
            return "is not always enabled";
        }
        return null;
    }

    /** Whether every way the element can match holds a plain pattern over a fact type. */
    static boolean needsAFact(RuleConditionElement element) {
        if (element instanceof Pattern pattern) {
            return plainClass(pattern) != null && plainClass(pattern) != org.drools.base.InitialFact.class;
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

    /** Whether the element is nothing but plain patterns over {@code type} (at least one), joined by {@code and}. */
    static boolean onlyOver(RuleConditionElement element, Class<?> type) {
        if (element instanceof Pattern pattern) {
            return plainClass(pattern) == type;
        }
        if (element instanceof GroupElement group && group.isAnd() && !group.getChildren().isEmpty()) {
            for (RuleConditionElement child : group.getChildren()) {
                if (!onlyOver(child, type)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the element could match facts of {@code types} (and nothing else): false only when an {@code and} holds
     * a plain pattern over a class none of them is, which no such fact can match.
     */
    static boolean canMatch(RuleConditionElement element, Set<Class<?>> types) {
        if (element instanceof Pattern pattern) {
            Class<?> type = plainClass(pattern);
            if (type == null) {
                return true;
            }
            for (Class<?> fact : types) {
                if (type.isAssignableFrom(fact)) {
                    return true;
                }
            }
            return false;
        }
        if (element instanceof GroupElement group && group.isAnd()) {
            for (RuleConditionElement child : group.getChildren()) {
                if (!canMatch(child, types)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The class a plain pattern (no {@code from}) matches, or {@code null} for any other pattern. */
    private static Class<?> plainClass(Pattern pattern) {
        if (pattern.getSource() == null && pattern.getObjectType() instanceof ClassObjectType type
                && type != ClassObjectType.InitialFact_ObjectType) {
            return type.getClassType();
        }
        return null;
    }
}
