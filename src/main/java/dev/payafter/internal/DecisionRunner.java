package dev.payafter.internal;

import dev.payafter.facts.Findings;
import java.util.List;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one decision: a session borrowed from the rule set's pool ({@link SessionPool}), the facts inserted, the
 * rules fired up to a limit, the facts deleted and the session given back. A rule that throws, or a rule set that
 * does not stop firing, does not escape: the outcome says so, the caller fails the decision closed, and the session
 * is thrown away rather than reused.
 */
public final class DecisionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRunner.class);
    private static final Run NO_RULES = new Run(List.of(), null, null);

    private DecisionRunner() {
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

    /** Decides {@code kind} with {@code facts}; the rules report into {@code findings}. */
    static Run run(CompiledRules rules, String kind, List<Object> facts, Findings findings, int fireLimit) {
        SessionPool pool = rules.sessions(kind);
        if (pool == null) {
            return NO_RULES;
        }
        SessionPool.Lease lease = pool.borrow();
        boolean faulted = true;
        try {
            lease.begin(findings);
            for (int i = 0, n = facts.size(); i < n; i++) {
                lease.insert(facts.get(i));
            }
            int count = lease.session.fireAllRules(fireLimit);
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
