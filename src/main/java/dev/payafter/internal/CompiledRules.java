package dev.payafter.internal;

import dev.payafter.RuleSetInfo;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;

/**
 * A compiled rule set: one KieBase per decision kind (absent when the rule set has no rules for it), the
 * profiles and what it was built from, plus the sessions its decisions reuse ({@link #sessions}). Immutable apart
 * from those pools; shared by every thread and every engine view. Dropping the last reference to it (a reload)
 * drops its sessions with it.
 */
public final class CompiledRules {
    private final Map<String, KieBase> kieBases;
    private final Map<String, String> profiles;
    private final RuleSetInfo info;
    private final Map<String, SessionPool> sessions = new ConcurrentHashMap<>();

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

    /** The KieBase for a decision kind, or {@code null} when the rule set has no rules for it. */
    public KieBase kieBase(String kind) {
        return kieBases.get(kind);
    }

    /** The sessions that decide {@code kind}, made on first use; {@code null} when the rule set has no rules for it. */
    SessionPool sessions(String kind) {
        KieBase kieBase = kieBases.get(kind);
        if (kieBase == null) {
            return null;
        }
        SessionPool pool = sessions.get(kind);
        return pool != null ? pool : sessions.computeIfAbsent(kind, k -> new SessionPool(kieBase, RuleShapes.of(kieBase)));
    }

    @Override
    public String toString() {
        return "CompiledRules[" + info.source() + " " + info.version() + ", kinds " + kieBases.keySet() + "]";
    }
}
