package dev.payafter.internal;

import dev.payafter.RuleSetInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled rule set: one KieBase per decision kind (absent when the rule set has no rules for it), the
 * profiles and what it was built from, plus the sessions its decisions reuse ({@link SessionPool}). Immutable apart
 * from those pools; shared by every thread and every engine view. Dropping the last reference to it (a reload)
 * drops its sessions with it.
 */
public final class CompiledRules {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledRules.class);
    /**
     * At most this many settled pools per decision kind (profile and key pairs). A key beyond them decides in full
     * (inserting its policy), until pools idle for {@link #IDLE_NANOS} make room.
     */
    static final int MAX_SETTLED_KEYS = 64;
    /** A settled pool not used for this long may be dropped (yesterday's pools, once the day has turned). */
    static final long IDLE_NANOS = 60_000_000_000L;
    /** How often a kind whose pools are full looks for idle ones. */
    static final long SWEEP_NANOS = 1_000_000_000L;

    private final Map<String, Supplier<KieBase>> kieBases;
    private final Map<String, String> profiles;
    private final RuleSetInfo info;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();
    private final Map<String, DecisionShape> shapes = new ConcurrentHashMap<>();
    private final LongSupplier ticker;

    public CompiledRules(Map<String, KieBase> kieBases, Map<String, String> profiles, RuleSetInfo info) {
        this(kieBases, profiles, info, System::nanoTime);
    }

    /** With the ticker that times idle settled pools (tests move it by hand). */
    CompiledRules(Map<String, KieBase> kieBases, Map<String, String> profiles, RuleSetInfo info,
            LongSupplier ticker) {
        this(new Bases(made(kieBases)), profiles, info, ticker);
    }

    /** The KieBase of each kind, as it is made. */
    private record Bases(Map<String, Supplier<KieBase>> byKind) {
    }

    private CompiledRules(Bases kieBases, Map<String, String> profiles, RuleSetInfo info, LongSupplier ticker) {
        this.kieBases = Map.copyOf(kieBases.byKind());
        this.profiles = Map.copyOf(profiles);
        this.info = Objects.requireNonNull(info, "info");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Rules whose KieBases are made on first use, each once: a first decision of one kind then waits for its own
     * kind's KieBase only (the bundled model's start, {@link BundledModel}).
     */
    static CompiledRules lazy(Map<String, Supplier<KieBase>> kieBases, Map<String, String> profiles,
            RuleSetInfo info) {
        Map<String, Supplier<KieBase>> once = new LinkedHashMap<>();
        kieBases.forEach((kind, make) -> once.put(kind, new Once(make)));
        return new CompiledRules(new Bases(once), profiles, info, System::nanoTime);
    }

    private static Map<String, Supplier<KieBase>> made(Map<String, KieBase> kieBases) {
        Map<String, Supplier<KieBase>> made = new LinkedHashMap<>();
        kieBases.forEach((kind, kieBase) -> made.put(kind, () -> kieBase));
        return made;
    }

    /** A KieBase made the first time it is asked for. */
    private static final class Once implements Supplier<KieBase> {
        private Supplier<KieBase> make;
        private volatile KieBase made;

        Once(Supplier<KieBase> make) {
            this.make = Objects.requireNonNull(make, "make");
        }

        @Override
        public KieBase get() {
            KieBase kieBase = made;
            if (kieBase == null) {
                synchronized (this) {
                    if (made == null) {
                        made = Objects.requireNonNull(make.get(), "KieBase");
                        make = null;
                    }
                    kieBase = made;
                }
            }
            return kieBase;
        }
    }

    /** The KieBase of every decision kind the rule set has rules for (made now if they are made on first use). */
    public Map<String, KieBase> kieBases() {
        Map<String, KieBase> all = new LinkedHashMap<>();
        kieBases.forEach((kind, kieBase) -> all.put(kind, kieBase.get()));
        return all;
    }

    /** The decision kinds the rule set has rules for. */
    public java.util.Set<String> kinds() {
        return kieBases.keySet();
    }

    /** The profiles by id, from {@code profiles.csv}. */
    public Map<String, String> profiles() {
        return profiles;
    }

    /** What the rule set was built from. */
    public RuleSetInfo info() {
        return info;
    }

    /** The same compiled rules described by {@code newInfo} (a label, a load time). */
    public CompiledRules withInfo(RuleSetInfo newInfo) {
        return new CompiledRules(new Bases(kieBases), profiles, newInfo, ticker);
    }

    /** The KieBase for a decision kind, or {@code null} when the rule set has no rules for it. */
    public KieBase kieBase(String kind) {
        Supplier<KieBase> kieBase = kieBases.get(kind);
        return kieBase == null ? null : kieBase.get();
    }

    /** What the rules of {@code kind} need in a session (read once; the kind must have rules). */
    DecisionShape shape(DecisionRunner.Kind kind) {
        DecisionShape shape = shapes.get(kind.name());
        return shape != null ? shape
                : shapes.computeIfAbsent(kind.name(), k -> DecisionShape.of(kieBase(k), kind));
    }

    /** The sessions that decide {@code kind}, made on first use; {@code null} when the rule set has no rules for it. */
    SessionPool sessions(String kind) {
        SessionPool pool = sessions.get(kind);
        if (pool != null) {
            return pool;
        }
        KieBase kieBase = kieBase(kind);
        return kieBase == null ? null
                : sessions.computeIfAbsent(kind, k -> new SessionPool(kieBase, RuleShapes.of(kieBase)));
    }

    /**
     * The sessions that decide {@code kind} with the policy of {@code key} settled in them, made on first use; or
     * {@code null} when the rules do not allow it, or when the kind already has {@link #MAX_SETTLED_KEYS} pools none
     * of which has been idle for {@link #IDLE_NANOS} (the decision then inserts its policy itself).
     */
    SessionPool settledSessions(DecisionRunner.Kind kind, Object key, Supplier<?> policy) {
        Settled forKind = settled.get(kind.name());
        if (forKind == null) {
            KieBase kieBase = kieBase(kind.name());
            if (kieBase == null) {
                return null;
            }
            DecisionShape shape = shape(kind);
            forKind = settled.computeIfAbsent(kind.name(), k -> new Settled(kieBase, kind, shape, ticker.getAsLong()));
        }
        if (forKind.unsettleable != null) {
            return null;
        }
        long now = ticker.getAsLong();
        SessionPool pool = forKind.pools.get(key);
        if (pool == null) {
            pool = forKind.open(key, policy, now);
            if (pool == null) {
                return null;
            }
        }
        pool.used(now);
        return pool.unsettled() == null ? pool : null;
    }

    /** One kind's settled pools, by policy key, and whether its rules allow them at all. */
    private static final class Settled {
        final KieBase kieBase;
        final DecisionRunner.Kind kind;
        final DecisionShape shape;
        final String unsettleable;
        final Map<Object, SessionPool> pools = new ConcurrentHashMap<>();
        // a sweep interval before creation, so that the first time the pools are full they are swept at once
        private volatile long sweptAt;

        Settled(KieBase kieBase, DecisionRunner.Kind kind, DecisionShape shape, long now) {
            this.kieBase = kieBase;
            this.kind = kind;
            this.shape = shape;
            this.sweptAt = now - SWEEP_NANOS;
            RuleShapes shapes = RuleShapes.of(kieBase);
            this.unsettleable = shapes.reusable
                    ? RuleShapes.settleable(kieBase, kind.policyType(), kind.factTypes(), shape.policyGlobal)
                    : "sessions are not reused";
            if (unsettleable != null) {
                LOG.info("{} decisions insert their {} every time: {}", kind.name(),
                        kind.policyType().getSimpleName(), unsettleable);
            }
        }

        /**
         * A new pool for {@code key}, or {@code null} when the pools are full. Keys carry the day (effective dates),
         * so a full kind drops the pools idle for {@link #IDLE_NANOS} (decisions holding one finish on it); it looks
         * at most once per {@link #SWEEP_NANOS}. Pools in use are never dropped to make room: a replay over many days
         * would otherwise settle new sessions for nearly every request.
         */
        SessionPool open(Object key, Supplier<?> policy, long now) {
            if (pools.size() >= MAX_SETTLED_KEYS && now - sweptAt < SWEEP_NANOS) {
                return null; // without taking the lock
            }
            synchronized (this) {
                SessionPool pool = pools.get(key);
                if (pool != null) {
                    return pool;
                }
                if (pools.size() >= MAX_SETTLED_KEYS) {
                    if (now - sweptAt < SWEEP_NANOS) {
                        return null;
                    }
                    sweptAt = now;
                    pools.values().removeIf(p -> now - p.usedAt() > IDLE_NANOS);
                    if (pools.size() >= MAX_SETTLED_KEYS) {
                        return null;
                    }
                }
                pool = SessionPool.settled(kieBase, policy, now, shape, kind.closedFindings());
                pools.put(key, pool);
                return pool;
            }
        }
    }

    @Override
    public String toString() {
        return "CompiledRules[" + info.source() + " " + info.version() + ", kinds " + kieBases.keySet() + "]";
    }
}
