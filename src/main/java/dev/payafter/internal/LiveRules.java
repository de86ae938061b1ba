package dev.payafter.internal;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.RuleSetInfo;
import dev.payafter.live.ReloadResult;
import dev.payafter.live.RuleSetListener;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set serving decisions, swapped atomically on reload. A decision reads {@link #current()} once and
 * decides wholly with it, so every decision is made by one version, and one in flight during a swap finishes on
 * the version it started with. Reloads and rollbacks run one at a time, on the caller's thread (never a
 * request's); a candidate that does not compile or fails the scenario gate is never swapped in.
 */
public final class LiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    private final Supplier<RuleSource> source;
    private final Function<RuleSource, CompiledRules> compiler;
    private final String label;
    private final Clock clock;
    private final int keepVersions;
    private final Function<CompiledRules, List<String>> gate;
    private final List<RuleSetListener> listeners;
    private final AtomicReference<CompiledRules> current = new AtomicReference<>();
    private final Deque<CompiledRules> previous = new ArrayDeque<>();

    /**
     * Compiles the first rule set.
     *
     * @param gate given a compiled candidate, the scenario failures that keep it out (empty: let it in), or
     *     {@code null} for no gate
     * @throws RuleCompilationException if the first rule set does not compile or fails the gate
     */
    public LiveRules(Supplier<RuleSource> source, Function<RuleSource, CompiledRules> compiler, String label,
            Clock clock, int keepVersions, Function<CompiledRules, List<String>> gate, List<RuleSetListener> listeners) {
        this.source = source;
        this.compiler = compiler;
        this.label = label;
        this.clock = clock;
        this.keepVersions = keepVersions;
        this.gate = gate;
        this.listeners = List.copyOf(listeners);
        RuleSource first = source.get();
        CompiledRules compiled = stamp(compiler.apply(first));
        List<String> failures = gate == null ? List.of() : gate.apply(compiled);
        if (!failures.isEmpty()) {
            throw new dev.payafter.PayAfterException("rule set " + first.description() + " fails its scenario tables:\n  "
                    + String.join("\n  ", failures));
        }
        current.set(compiled);
    }

    /** Fixed rules that never reload (a scenario-gate candidate, a challenger). */
    public LiveRules(CompiledRules fixed) {
        this.source = () -> {
            throw new IllegalStateException("these rules do not reload");
        };
        this.compiler = RuleCompiler::compile;
        this.label = fixed.info().label();
        this.clock = Clock.systemUTC();
        this.keepVersions = 0;
        this.gate = null;
        this.listeners = List.of();
        current.set(fixed);
    }

    /** The rule set serving now. */
    public CompiledRules current() {
        return current.get();
    }

    /** The kept earlier rule sets, newest first. */
    public synchronized List<RuleSetInfo> previous() {
        return previous.stream().map(CompiledRules::info).toList();
    }

    /** Reads the source again; compiles and swaps in a new version if it changed and passes. */
    public synchronized ReloadResult reload() {
        CompiledRules serving = current.get();
        RuleSource candidate;
        try {
            candidate = source.get();
        } catch (RuntimeException e) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), "",
                    List.of("cannot read the rules: " + e.getMessage())));
        }
        String version = candidate.version();
        if (version.equals(serving.info().version()) && candidate.problems().isEmpty()) {
            return tell(new ReloadResult(ReloadResult.Status.UNCHANGED, serving.info(), version, List.of()));
        }
        long started = System.nanoTime();
        CompiledRules compiled;
        try {
            compiled = stamp(compiler.apply(candidate));
        } catch (RuleCompilationException e) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version,
                    e.problems().stream().map(Object::toString).toList()));
        }
        List<String> failures = gate == null ? List.of() : gate.apply(compiled);
        if (!failures.isEmpty()) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version, failures));
        }
        swap(compiled);
        LOG.info("rule set {} swapped in for {} after {} ms", version, serving.info().version(),
                (System.nanoTime() - started) / 1_000_000);
        return tell(new ReloadResult(ReloadResult.Status.SWAPPED, compiled.info(), version, List.of()));
    }

    /** Serves a kept earlier version again; the one serving now is kept in its place. */
    public synchronized ReloadResult rollbackTo(String version) {
        CompiledRules serving = current.get();
        Optional<CompiledRules> kept = previous.stream().filter(r -> r.info().version().equals(version)).findFirst();
        if (kept.isEmpty()) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version,
                    List.of("version " + version + " is not kept; kept: "
                            + previous.stream().map(r -> r.info().version()).toList())));
        }
        previous.remove(kept.get());
        CompiledRules restored = kept.get().withInfo(kept.get().info().loaded(kept.get().info().label(),
                clock.instant()));
        swap(restored);
        LOG.info("rolled back from rule set {} to {}", serving.info().version(), version);
        return tell(new ReloadResult(ReloadResult.Status.ROLLED_BACK, restored.info(), version, List.of()));
    }

    private void swap(CompiledRules next) {
        CompiledRules old = current.getAndSet(next);
        if (keepVersions > 0) {
            previous.addFirst(old);
            while (previous.size() > keepVersions) {
                previous.removeLast();
            }
        }
    }

    private CompiledRules stamp(CompiledRules compiled) {
        return compiled.withInfo(compiled.info().loaded(label, clock.instant()));
    }

    private ReloadResult tell(ReloadResult result) {
        if (result.status() == ReloadResult.Status.REJECTED) {
            LOG.warn("rule set {} rejected; {} keeps serving:\n  {}", result.candidateVersion(),
                    result.serving().version(), String.join("\n  ", result.problems()));
        }
        for (RuleSetListener listener : listeners) {
            try {
                listener.onReload(result);
            } catch (RuntimeException e) {
                LOG.warn("rule-set listener {} threw; ignored", listener, e);
            }
        }
        return result;
    }

    /** A gate that runs the candidate's scenario tables (found in {@code rulesDirectory}) through an engine. */
    public static Function<CompiledRules, List<String>> scenarioGate(java.nio.file.Path rulesDirectory,
            Function<CompiledRules, PayAfterEngine> engineOver) {
        return compiled -> {
            List<String> failures = new ArrayList<>();
            PayAfterEngine engine = engineOver.apply(compiled);
            for (java.nio.file.Path table : dev.payafter.scenarios.ScenarioTables.find(rulesDirectory)) {
                try {
                    dev.payafter.scenarios.ScenarioTables.run(engine, table).stream()
                            .filter(r -> !r.passed()).forEach(r -> failures.add(r.describe()));
                } catch (RuntimeException e) {
                    failures.add(table + ": " + e.getMessage());
                }
            }
            return failures;
        };
    }
}
