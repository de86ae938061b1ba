package dev.payafter.internal;

import dev.payafter.facts.Findings;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one decision: a session borrowed from the rule set's pools ({@link SessionPool}), the facts inserted, the
 * rules fired up to a limit, the facts deleted and the session given back. A rule that throws, or a rule set that
 * does not stop firing, does not escape: the outcome says so, the caller fails the decision closed, and the session
 * is thrown away rather than reused.
 *
 * <p>When the rules allow it ({@link RuleShapes#settleable}), the decision's policy fact is not inserted: the session
 * comes from a pool whose sessions already hold that policy (same profile, same key), settled once, and the rules
 * that fired then open the decision's trace.
 */
public final class DecisionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRunner.class);
    private static final Run NO_RULES = new Run(List.of(), null, null);

    private DecisionRunner() {
    }

    /**
     * A decision kind as the runner sees it.
     *
     * @param name the rule folder, {@code eligibility}, {@code refund} or {@code deduction}
     * @param policyType the class of its policy fact
     * @param factTypes every class of fact its decisions insert, the policy and the findings included
     */
    public record Kind(String name, Class<?> policyType, Set<Class<?>> factTypes) {
        public Kind {
            factTypes = Set.copyOf(factTypes);
        }
    }

    /**
     * What happened.
     *
     * @param firedRules the rules that fired, in order
     * @param fault why the run did not finish normally, or {@code null}
     * @param faultCode the reason code for the fault, or {@code null}
     */
    public record Run(List<String> firedRules, String faultCode, String fault) {
        public boolean faulted() {
            return faultCode != null;
        }
    }

    /**
     * Decides with {@code facts}, then the policy, then {@code findings} (inserted in that order); the rules report
     * into {@code findings}.
     *
     * @param policyKey what the policy depends on besides the rules (profile and request key), or {@code null} when
     *     it depends on more and must be inserted with the decision
     * @param policy makes the policy fact: a new one every call
     */
    static Run run(CompiledRules rules, Kind kind, List<Object> facts, Object policyKey, Supplier<?> policy,
            Findings findings, int fireLimit) {
        SessionPool pool = policyKey == null ? null : rules.settledSessions(kind, policyKey, policy);
        SessionPool.Lease lease = null;
        if (pool != null) {
            lease = pool.borrow(fireLimit);
            if (lease != null && lease.settledCount() >= fireLimit) {
                pool.release(lease); // this engine's limit is lower than the settle needs: decide in full
                lease = null;
            }
        }
        boolean settled = lease != null;
        if (!settled) {
            pool = rules.sessions(kind.name());
            if (pool == null) {
                return NO_RULES;
            }
            lease = pool.borrow(fireLimit);
        }
        boolean faulted = true;
        try {
            lease.begin(findings);
            for (int i = 0, n = facts.size(); i < n; i++) {
                lease.insert(facts.get(i));
            }
            if (!settled) {
                lease.insert(policy.get());
            }
            lease.insert(findings);
            int limit = fireLimit - lease.settledCount();
            int count = lease.settledCount() + lease.session.fireAllRules(limit);
            if (count >= fireLimit) {
                return new Run(lease.fired(), "RULE_FIRE_LIMIT", "the rules fired " + count
                        + " times without settling (limit " + fireLimit + "); the last was \"" + findings.currentRule()
                        + "\"");
            }
            faulted = false;
            return new Run(lease.fired(), null, null);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? findings.currentRule() : e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("rule \"{}\" threw while deciding; the decision fails closed", rule, cause);
            return new Run(lease.fired(), "RULE_ERROR", "rule \"" + rule + "\" threw " + describe(cause));
        } catch (RuntimeException e) {
            LOG.warn("the rules threw while deciding (last rule \"{}\"); the decision fails closed",
                    findings.currentRule(), e);
            return new Run(lease.fired(), "RULE_ERROR", "the rules threw " + describe(e) + " (last rule \""
                    + findings.currentRule() + "\")");
        } finally {
            if (faulted) {
                pool.discard(lease);
            } else {
                lease.end();
                pool.release(lease);
            }
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
