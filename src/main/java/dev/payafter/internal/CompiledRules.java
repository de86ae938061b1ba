package dev.payafter.internal;

import dev.payafter.RuleSetInfo;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
    /** At most this many settled pools per decision kind (profile and key pairs); other keys decide in full. */
    static final int MAX_SETTLED_KEYS = 64;

    private final Map<String, KieBase> kieBases;
    private final Map<String, String> profiles;
    private final RuleSetInfo info;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();
    private final Map<String, Settled> settled = new ConcurrentHashMap<>();

    public CompiledRules(Map<String, KieBase> kieBases, Map<String, String> profiles, RuleSetInfo info) {
        this.kieBases = Map.copyOf(kieBases);
        this.profiles = Map.copyOf(profiles);
        this.info = Objects.requireNonNull(info, "info");
    }

    /** The KieBase of every decision kind the rule set has rules for. */
    public Map<String, KieBase> kieBases() {
        return kieBases;
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
        return new CompiledRules(kieBases, profiles, newInfo);
    }

    /** The KieBase for a decision kind, or {@code null} when the rule set has no rules for it. */
    public KieBase kieBase(String kind) {
        return kieBases.get(kind);
    }

    /** The sessions that decide {@code kind}, made on first use; {@code null} when the rule set has no rules for it. */
    SessionPool sessions(String kind) {
        SessionPool pool = sessions.get(kind);
        if (pool != null) {
            return pool;
        }
        KieBase kieBase = kieBases.get(kind);
        return kieBase == null ? null
                : sessions.computeIfAbsent(kind, k -> new SessionPool(kieBase, RuleShapes.of(kieBase)));
    }

    /**
     * The sessions that decide {@code kind} with the policy of {@code key} settled in them, made on first use; or
     * {@code null} when the rules do not allow it (the decision then inserts its policy itself).
     */
    SessionPool settledSessions(DecisionRunner.Kind kind, Object key, Supplier<?> policy) {
        Settled forKind = settled.get(kind.name());
        if (forKind == null) {
            KieBase kieBase = kieBases.get(kind.name());
            if (kieBase == null) {
                return null;
            }
            forKind = settled.computeIfAbsent(kind.name(), k -> new Settled(kieBase, kind));
        }
        if (forKind.unsettleable != null) {
            return null;
        }
        SessionPool pool = forKind.pools.get(key);
        if (pool == null) {
            if (forKind.pools.size() >= MAX_SETTLED_KEYS) {
                // keys carry the day (effective dates): yesterday's pools are dropped rather than kept forever;
                // decisions holding one finish on it, new ones settle again
                forKind.pools.clear();
            }
            Settled owner = forKind;
            pool = forKind.pools.computeIfAbsent(key, k -> SessionPool.settled(owner.kieBase, policy));
        }
        return pool.unsettled() == null ? pool : null;
    }

    /** One kind's settled pools, by policy key, and whether its rules allow them at all. */
    private static final class Settled {
        final KieBase kieBase;
        final String unsettleable;
        final Map<Object, SessionPool> pools = new ConcurrentHashMap<>();

        Settled(KieBase kieBase, DecisionRunner.Kind kind) {
            this.kieBase = kieBase;
            RuleShapes shapes = RuleShapes.of(kieBase);
            this.unsettleable = shapes.reusable
                    ? RuleShapes.settleable(kieBase, kind.policyType(), kind.factTypes())
                    : "sessions are not reused";
            if (unsettleable != null) {
                LOG.info("{} decisions insert their {} every time: {}", kind.name(),
                        kind.policyType().getSimpleName(), unsettleable);
            }
        }
    }

    @Override
    public String toString() {
        return "CompiledRules[" + info.source() + " " + info.version() + ", kinds " + kieBases.keySet() + "]";
    }
}
