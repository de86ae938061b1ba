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
     * @param factTypes every class of fact its decisions may insert, the policy and the findings included
     * @param closedFindings makes the findings a settle's rules see: closed, so that a rule reporting then throws
     */
    public record Kind(String name, Class<?> policyType, Set<Class<?>> factTypes,
            Supplier<? extends Findings> closedFindings) {
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
     * Decides with {@code facts}, then the policy, then {@code findings} (inserted in that order, each only if some
     * rule matches it: {@link DecisionShape}); the rules report into {@code findings}, as a fact or as the global.
     *
     * @param now the decision's now for rules that declare the {@code now} global or match {@code Now}, or {@code null}
     * @param policyKey what the policy depends on besides the rules (profile and request key), or {@code null} when
     *     it depends on more and must be inserted with the decision
     * @param policy makes the policy fact: a new one every call
     */
    static Run run(CompiledRules rules, Kind kind, List<Object> facts, Object now, Object policyKey,
            Supplier<?> policy, Findings findings, int fireLimit) {
        SessionPool pool;
        SessionPool.Lease lease = null;
        boolean settled;
        try {
            pool = policyKey == null ? null : rules.settledSessions(kind, policyKey, policy);
            if (pool != null) {
                lease = pool.borrow(fireLimit);
                if (lease != null && lease.settledCount() >= fireLimit) {
                    pool.release(lease); // this engine's limit is lower than the settle needs: decide in full
                    lease = null;
                }
            }
            settled = lease != null;
            if (!settled) {
                pool = rules.sessions(kind.name());
                if (pool == null) {
                    return NO_RULES;
                }
                lease = pool.borrow(fireLimit);
            }
        } catch (Throwable e) { // NOPMD: settling a new session runs the policy rules
            LOG.error("no session could be made for a decision; it fails closed", e);
            return new Run(List.of(), "RULE_ERROR", "no session could be made for the decision: "
                    + e.getClass().getSimpleName());
        }
        boolean faulted = true;
        try {
            DecisionShape shape = rules.shape(kind);
            lease.begin(findings);
            Object unsettledPolicy = settled ? null : policy.get();
            Object settledHere = null;
            Object[] settledHereState = null;
            int count = lease.settledCount();
            if (unsettledPolicy != null && shape.policyGlobal) {
                // the policy read through the global must be complete before the request is inserted: settle it here
                Findings closed = kind.closedFindings().get();
                closed.settling(true);
                lease.reportTo(closed);
                if (shape.findingsGlobal) {
                    lease.global(EngineGlobals.FINDINGS, closed);
                }
                lease.global(EngineGlobals.POLICY, unsettledPolicy);
                lease.insert(unsettledPolicy);
                count += lease.session.fireAllRules(fireLimit);
                lease.reportTo(findings);
                settledHere = unsettledPolicy;
                settledHereState = SessionPool.state(unsettledPolicy);
                unsettledPolicy = null;
            }
            if (shape.findingsGlobal) {
                lease.global(EngineGlobals.FINDINGS, findings);
            }
            if (shape.nowGlobal) {
                lease.global(EngineGlobals.NOW, now);
            }
            for (int i = 0, n = facts.size(); i < n; i++) {
                Object fact = facts.get(i);
                if (shape.inserts(fact.getClass())) {
                    lease.insert(fact);
                }
            }
            if (now != null && shape.inserts(now.getClass())) {
                lease.insert(now);
            }
            if (unsettledPolicy != null) {
                lease.insert(unsettledPolicy);
            }
            if (shape.inserts(findings.getClass())) {
                lease.insert(findings);
            }
            if (count < fireLimit) {
                count += lease.session.fireAllRules(fireLimit - count);
            }
            if (count >= fireLimit) {
                return new Run(lease.fired(), "RULE_FIRE_LIMIT", "the rules fired " + count
                        + " times without settling (limit " + fireLimit + "); the last was \"" + findings.currentRule()
                        + "\"");
            }
            if (shape.policyGlobal && lease.policyChanged(settledHere, settledHereState)) {
                LOG.warn("a {} rule changed the profile's policy while deciding; the decision fails closed", kind.name());
                return new Run(lease.fired(), "RULE_ERROR", "a rule changed the profile's policy while deciding (rules"
                        + " read the policy as the tables settled it, before the request, and would not see the change;"
                        + " report a finding instead)");
            }
            faulted = false;
            return new Run(lease.fired(), null, null);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? findings.currentRule() : e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return fault(lease, "rule \"" + rule + "\" threw ", cause, rule);
        } catch (Throwable e) { // NOPMD: a StackOverflowError, an OutOfMemoryError, anything the rules caused
            return fault(lease, "the rules threw ", e, findings.currentRule());
        } finally {
            giveBack(pool, lease, faulted);
        }
    }

    /** Puts a session back after a clean decision, throws it away after any other; never throws. */
    private static void giveBack(SessionPool pool, SessionPool.Lease lease, boolean faulted) {
        if (!faulted) {
            try {
                lease.end();
                pool.release(lease);
                return;
            } catch (Throwable e) { // NOPMD: a session that cannot be cleaned is thrown away
                LOG.warn("a session could not be cleaned after a decision; it is discarded", e);
            }
        }
        pool.discard(lease);
    }

    /** The last resort when even describing a fault fails (the heap is still exhausted, say). */
    private static final Run UNDESCRIBED = new Run(List.of(), "RULE_ERROR", "the rules threw an error that could not"
            + " be described");

    /**
     * The run of a decision the rules broke: {@code RULE_ERROR} with the error's class. A {@link VirtualMachineError}
     * ({@code StackOverflowError}, {@code OutOfMemoryError}) is contained like any exception: it came from the rules'
     * own frames, which are gone once it is caught, and the session that saw it is discarded. The engine creates no
     * control-flow throwable of its own (no {@code Thread.stop}), so none is swallowed here.
     */
    private static Run fault(SessionPool.Lease lease, String what, Throwable cause, String rule) {
        try {
            if (cause instanceof VirtualMachineError) {
                LOG.error("{}{} while deciding (last rule \"{}\"); the decision fails closed and its session is"
                        + " discarded", what, cause.getClass().getName(), rule);
            } else {
                LOG.warn("{}while deciding (last rule \"{}\"); the decision fails closed", what, rule, cause);
            }
            String message = what + describe(cause) + (what.startsWith("rule ") ? "" : " (last rule \"" + rule + "\")");
            return new Run(lease.fired(), "RULE_ERROR", message);
        } catch (Throwable again) { // NOPMD: out of memory again while describing it
            return UNDESCRIBED;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
