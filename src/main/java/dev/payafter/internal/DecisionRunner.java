package dev.payafter.internal;

import dev.payafter.facts.Findings;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one decision: a fresh session on the shared KieBase, the facts inserted, the rules fired up to a limit,
 * the session disposed. A rule that throws, or a rule set that does not stop firing, does not escape: the
 * outcome says so and the caller fails the decision closed.
 */
public final class DecisionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRunner.class);

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

    public static Run run(KieBase kieBase, List<Object> facts, Findings findings, int fireLimit) {
        List<String> fired = new ArrayList<>();
        if (kieBase == null) {
            return new Run(fired, null, null);
        }
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    findings.ruleFiring(event.getMatch().getRule().getName());
                }

                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            for (Object fact : facts) {
                session.insert(fact);
            }
            int count = session.fireAllRules(fireLimit);
            if (count >= fireLimit) {
                return new Run(fired, "RULE_FIRE_LIMIT", "the rules fired " + count
                        + " times without settling (limit " + fireLimit + "); the last was \"" + findings.currentRule()
                        + "\"");
            }
            return new Run(fired, null, null);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? findings.currentRule() : e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("rule \"{}\" threw while deciding; the decision fails closed", rule, cause);
            return new Run(fired, "RULE_ERROR", "rule \"" + rule + "\" threw " + describe(cause));
        } catch (RuntimeException e) {
            LOG.warn("the rules threw while deciding (last rule \"{}\"); the decision fails closed",
                    findings.currentRule(), e);
            return new Run(fired, "RULE_ERROR", "the rules threw " + describe(e) + " (last rule \""
                    + findings.currentRule() + "\")");
        } finally {
            session.dispose();
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
