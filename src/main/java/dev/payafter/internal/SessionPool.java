package dev.payafter.internal;

import dev.payafter.facts.Findings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The sessions of one KieBase that decisions borrow and give back, so a decision does not pay for building a
 * session (and its node memories) and for disposing of it.
 *
 * <p>A session is used by one decision at a time: {@link #borrow} takes it out of the pool, {@link #release} puts
 * it back only if it is as clean as a new one (every fact gone), {@link #discard} throws it away (after a rule
 * fault, or when the rules left something behind). The pool is a small array of slots, each thread starting at a
 * slot of its own, so two threads rarely touch the same slot; it holds at most {@link #slots()} sessions, and makes
 * a new one when its slots are empty. When the rules do not allow reuse ({@link RuleShapes}), every decision gets a
 * new session, disposed afterwards, as a plain embedding would do.
 */
final class SessionPool {
    private static final int PROBES = 3;

    private final KieBase kieBase;
    private final boolean reusable;
    private final KieSessionConfiguration configuration;
    private final AtomicReferenceArray<Lease> slots;
    private final int mask;

    SessionPool(KieBase kieBase, RuleShapes shapes) {
        this.kieBase = kieBase;
        this.reusable = shapes.reusable;
        this.configuration = KieServices.Factory.get().newKieSessionConfiguration();
        // a pooled session is used by one thread at a time (the pool hands it over), and the KieBase need not
        // track it: it goes with this pool
        configuration.setOption(ThreadSafeOption.NO);
        configuration.setOption(KeepReferenceOption.NO);
        int size = Integer.highestOneBit(Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    int slots() {
        return slots.length();
    }

    /** Whether sessions are reused between decisions. */
    boolean reusable() {
        return reusable;
    }

    /** A clean session for one decision, from the pool or new. */
    Lease borrow() {
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
        return new Lease(kieBase.newKieSession(configuration, null));
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
     * the rules that fire, and the handles of the facts the decision inserted.
     */
    static final class Lease {
        final KieSession session;
        private final List<EntryPoint> entryPoints;
        private final ArrayList<String> fired = new ArrayList<>();
        private FactHandle[] handles = new FactHandle[8];
        private int inserted;
        private Findings findings;

        private Lease(KieSession session) {
            this.session = session;
            this.entryPoints = List.copyOf(session.getEntryPoints());
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    if (findings != null) {
                        findings.ruleFiring(event.getMatch().getRule().getName());
                    }
                }

                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
        }

        /** Starts a decision that reports into {@code decisionFindings}. */
        void begin(Findings decisionFindings) {
            this.findings = decisionFindings;
            fired.clear();
            inserted = 0;
        }

        void insert(Object fact) {
            if (inserted == handles.length) {
                handles = java.util.Arrays.copyOf(handles, inserted * 2);
            }
            handles[inserted++] = session.insert(fact);
        }

        /** The rules that fired so far in this decision, in order. */
        List<String> fired() {
            return List.copyOf(fired);
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
                java.util.Arrays.fill(handles, null);
            }
            inserted = 0;
        }

        /** Whether the session holds no fact at all (the rules may have inserted some of their own). */
        boolean clean() {
            for (EntryPoint entryPoint : entryPoints) {
                if (entryPoint.getFactCount() != 0) {
                    return false;
                }
            }
            return true;
        }

        void dispose() {
            findings = null;
            try {
                session.dispose();
            } catch (RuntimeException e) { // nothing more can be done with it
            }
        }

        Collection<EntryPoint> entryPoints() {
            return entryPoints;
        }
    }
}
