package dev.payafter.internal;

import dev.payafter.facts.Findings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;

/**
 * The sessions of one KieBase (and, for a settled pool, one policy key) that decisions borrow and give back, so a
 * decision does not pay for building a session and its node memories, nor for disposing of it.
 *
 * <p>A session is used by one decision at a time: {@link #borrow} takes it out of the pool, {@link #release} puts
 * it back only if it is as clean as when it was made, {@link #discard} throws it away (after a rule fault, or when
 * the rules left something behind). The pool is a small array of slots, each thread starting at a slot of its own,
 * so two threads rarely touch the same slot; it holds at most {@link #slots()} sessions and makes a new one when
 * its slots are empty. When the rules do not allow reuse ({@link RuleShapes}), every decision gets a new session,
 * disposed afterwards, as a plain embedding does.
 *
 * <p>A <em>settled</em> pool's sessions each hold one policy fact, inserted when the session is made and fired on
 * once (see {@link RuleShapes#settleable}); every decision on such a session adds the rules that fired then to its
 * trace. "Clean" then means: the policy is the only fact, and it holds exactly the values the settle gave it.
 */
final class SessionPool {
    private static final int PROBES = 3;
    /**
     * One configuration for every pool: making one reads Drools' property files from the class path, far too slow
     * for each pool. Read only after this, so sharing it is safe.
     */
    private static final KieSessionConfiguration CONFIGURATION = configuration();

    private final KieBase kieBase;
    private final boolean reusable;
    private final AtomicReferenceArray<Lease> slots;
    private final int mask;
    private final Supplier<?> policy;
    private final DecisionShape shape;
    private final Supplier<? extends Findings> findings;
    private volatile String unsettled;
    // written at most once a second, so that decisions on two cores do not fight over its cache line
    private volatile long usedAt;

    /** A pool of plain sessions. */
    SessionPool(KieBase kieBase, RuleShapes shapes) {
        this(kieBase, shapes.reusable, null, null, null);
    }

    private SessionPool(KieBase kieBase, boolean reusable, Supplier<?> policy, DecisionShape shape,
            Supplier<? extends Findings> findings) {
        this.kieBase = kieBase;
        this.reusable = reusable;
        this.policy = policy;
        this.shape = shape;
        this.findings = findings;
        int size = Integer.highestOneBit(Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    private static KieSessionConfiguration configuration() {
        KieSessionConfiguration configuration = KieServices.Factory.get().newKieSessionConfiguration();
        // the KieBase need not track a pooled session: it goes with its pool. (ThreadSafeOption.NO would be a little
        // faster, but with the executable model Drools then shares one argument array per rule consequence between
        // all sessions of the KieBase, which the pool's sessions on other threads would overwrite.)
        configuration.setOption(KeepReferenceOption.NO);
        return configuration;
    }

    /**
     * A pool of sessions that each hold a settled policy made by {@code policy}, used at {@code now}; the settle sets
     * the globals {@code shape} declares, the findings one to a closed {@code findings}.
     */
    static SessionPool settled(KieBase kieBase, Supplier<?> policy, long now, DecisionShape shape,
            Supplier<? extends Findings> findings) {
        SessionPool pool = new SessionPool(kieBase, true, Objects.requireNonNull(policy, "policy"), shape, findings);
        pool.usedAt = now;
        return pool;
    }

    /** When a decision last used this pool, by the rule set's ticker. */
    long usedAt() {
        return usedAt;
    }

    /** Notes a use at {@code now}. */
    void used(long now) {
        if (now - usedAt > 1_000_000_000L) {
            usedAt = now;
        }
    }

    int slots() {
        return slots.length();
    }

    /** Whether sessions are reused between decisions. */
    boolean reusable() {
        return reusable;
    }

    /** For a settled pool: why its policy could not be settled (then it must not be used), or {@code null}. */
    String unsettled() {
        return unsettled;
    }

    /**
     * A clean session for one decision, from the pool or new; for a settled pool, {@code null} when a new session's
     * settle fails (see {@link #unsettled()}).
     */
    Lease borrow(int fireLimit) {
        if (reusable) {
            int start = start();
            for (int i = 0; i < PROBES; i++) {
                int slot = (start + i) & mask;
                if (slots.get(slot) != null) {
                    Lease lease = slots.getAndSet(slot, null);
                    if (lease != null) {
                        return lease;
                    }
                }
            }
        }
        Lease lease = new Lease(kieBase.newKieSession(CONFIGURATION, null));
        if (policy != null) {
            String problem = lease.settle(policy.get(), fireLimit, shape, findings.get());
            if (problem != null) {
                unsettled = problem;
                lease.dispose();
                return null;
            }
        }
        return lease;
    }

    /** Gives a session back after a decision: kept if it is clean and there is room, disposed otherwise. */
    void release(Lease lease) {
        if (reusable && lease.clean()) {
            int start = start();
            for (int i = 0; i < PROBES; i++) {
                if (slots.compareAndSet((start + i) & mask, null, lease)) {
                    return;
                }
            }
        }
        lease.dispose();
    }

    /** Throws a session away (a rule fault left it in an unknown state). */
    void discard(Lease lease) {
        lease.dispose();
    }

    private int start() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    /**
     * One session and what a decision on it needs: the listener that names the rule behind every finding and records
     * the rules that fire, the handles of the facts the decision inserted, and for a settled session its policy.
     */
    static final class Lease {
        final KieSession session;
        private final List<EntryPoint> entryPoints;
        private final ArrayList<String> fired = new ArrayList<>();
        private FactHandle[] handles = new FactHandle[8];
        private int inserted;
        private Findings findings;
        // a settled session: its policy, the values the settle left in it, and the rules that fired then
        private Object policy;
        private Object[] policyState;
        private List<String> settledRules = List.of();

        private Lease(KieSession session) {
            this.session = session;
            this.entryPoints = List.copyOf(session.getEntryPoints());
            // Drools' own rule event hook: called with the match, no event object made per firing (the agenda
            // listener API makes two per firing)
            ((RuleEventManager) session).addEventListener(new RuleEventListener() {
                @Override
                public void onBeforeMatchFire(Match match) {
                    if (findings != null) {
                        findings.ruleFiring(match.getRule().getName());
                    }
                }

                @Override
                public void onAfterMatchFire(Match match) {
                    fired.add(match.getRule().getName());
                }
            });
        }

        /** Inserts the policy and fires on it alone; the problem if that did not settle cleanly, else {@code null}. */
        private String settle(Object policyFact, int fireLimit, DecisionShape shape, Findings closed) {
            try {
                if (shape.findingsGlobal) {
                    closed.settling(true);
                    session.setGlobal(EngineGlobals.FINDINGS, closed);
                }
                if (shape.policyGlobal) {
                    session.setGlobal(EngineGlobals.POLICY, policyFact);
                }
                findings = closed;
                session.insert(policyFact);
                int count = session.fireAllRules(fireLimit);
                findings = null;
                if (count >= fireLimit) {
                    return "the policy rules alone reach the fire limit " + fireLimit;
                }
                if (factCount() != 1) {
                    return "the policy rules insert facts of their own";
                }
            } catch (Throwable e) { // NOPMD: a StackOverflowError or OutOfMemoryError too: the pool is then not used
                Throwable cause = e.getCause() instanceof IllegalStateException ? e.getCause() : e;
                return "the policy rules throw " + cause.getClass().getName()
                        + (cause instanceof IllegalStateException ? ": " + cause.getMessage() : "");
            }
            this.policy = policyFact;
            this.policyState = state(policyFact);
            this.settledRules = List.copyOf(fired);
            fired.clear();
            return null;
        }

        /**
         * Whether the decision changed the policy it read through the global: the settled one, or {@code settledNow}
         * as the decision's own settle left it ({@code settledState}).
         */
        boolean policyChanged(Object settledNow, Object[] settledState) {
            return settledNow != null ? !sameState(settledNow, settledState)
                    : policy != null && !sameState(policy, policyState);
        }

        /** How many rules fired when the policy settled (part of every decision's count). */
        int settledCount() {
            return settledRules.size();
        }

        /** Sets a global the rules declare. */
        void global(String name, Object value) {
            session.setGlobal(name, value);
        }

        /** Makes {@code target} the findings the listener names each firing rule to. */
        void reportTo(Findings target) {
            this.findings = target;
        }

        /** Starts a decision that reports into {@code decisionFindings}. */
        void begin(Findings decisionFindings) {
            this.findings = decisionFindings;
            fired.clear();
            inserted = 0;
            if (!settledRules.isEmpty()) { // as in a fresh session, where these fired first
                decisionFindings.ruleFiring(settledRules.get(settledRules.size() - 1));
            }
        }

        void insert(Object fact) {
            if (inserted == handles.length) {
                handles = Arrays.copyOf(handles, inserted * 2);
            }
            handles[inserted++] = session.insert(fact);
        }

        /** The rules that fired in this decision, in order, the settled ones first. */
        List<String> fired() {
            if (settledRules.isEmpty()) {
                return List.copyOf(fired);
            }
            String[] all = new String[settledRules.size() + fired.size()];
            for (int i = 0; i < settledRules.size(); i++) {
                all[i] = settledRules.get(i);
            }
            for (int i = 0; i < fired.size(); i++) {
                all[settledRules.size() + i] = fired.get(i);
            }
            return List.of(all);
        }

        /** Ends the decision: deletes the facts it inserted. */
        void end() {
            findings = null;
            try {
                for (int i = 0; i < inserted; i++) {
                    session.delete(handles[i]);
                    handles[i] = null;
                }
            } catch (RuntimeException e) { // a rule deleted one of them itself: clean() will tell
                Arrays.fill(handles, null);
            }
            inserted = 0;
        }

        /** Whether the session holds what it held when it was made: nothing, or its policy exactly as settled. */
        boolean clean() {
            if (factCount() != (policy == null ? 0 : 1)) {
                return false;
            }
            return policy == null || sameState(policy, policyState);
        }

        private int factCount() {
            int count = 0;
            for (EntryPoint entryPoint : entryPoints) {
                count += (int) entryPoint.getFactCount();
            }
            return count;
        }

        void dispose() {
            findings = null;
            try {
                session.dispose();
            } catch (Throwable e) { // NOPMD: nothing more can be done with it
            }
        }
    }

    // ---- a policy's state: every field, read reflectively (the policy types are plain mutable beans) ----------------

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return fields.toArray(new Field[0]);
        }
    };

    static Object[] state(Object object) {
        Field[] fields = FIELDS.get(object.getClass());
        Object[] values = new Object[fields.length];
        try {
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i].get(object);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    static boolean sameState(Object object, Object[] values) {
        Field[] fields = FIELDS.get(object.getClass());
        try {
            for (int i = 0; i < fields.length; i++) {
                if (!Objects.equals(fields[i].get(object), values[i])) {
                    return false;
                }
            }
        } catch (IllegalAccessException e) {
            return false;
        }
        return true;
    }
}
