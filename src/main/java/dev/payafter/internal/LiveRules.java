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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set serving decisions, swapped atomically on reload. A decision reads {@link #current()} once and
 * decides wholly with it, so every decision is made by one version, and one in flight during a swap finishes on
 * the version it started with. Reloads and rollbacks run one at a time, on the caller's thread (never a
 * request's); a candidate that does not compile or fails the scenario gate is never swapped in. Nothing a rule
 * file causes escapes a reload or a rollback: a {@code StackOverflowError} or {@code OutOfMemoryError} from a parser
 * (whatever {@link RuleFileLimits} did not stop first) is a rejection with its reason, like a syntax error.
 *
 * <p>With a stuck threshold, a serving version whose rules hold that many time-budget workers past their budget is
 * rolled back to the newest kept version, and its files are not loaded again until they change.
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
    private final ReentrantLock lock = new ReentrantLock();
    private final int rollbackWhenStuck;
    /** Versions rolled back for leaving decisions stuck, with why: a reload does not serve them again. */
    private final Map<String, String> quarantined = new ConcurrentHashMap<>();

    /**
     * Compiles the first rule set.
     *
     * @param gate given a compiled candidate, the scenario failures that keep it out (empty: let it in), or
     *     {@code null} for no gate
     * @throws RuleCompilationException if the first rule set does not compile or fails the gate
     */
    public LiveRules(Supplier<RuleSource> source, Function<RuleSource, CompiledRules> compiler, String label,
            Clock clock, int keepVersions, Function<CompiledRules, List<String>> gate, List<RuleSetListener> listeners) {
        this(source, compiler, label, clock, keepVersions, gate, listeners, 0);
    }

    /**
     * Compiles the first rule set, with an automatic rollback.
     *
     * @param rollbackWhenStuck roll the serving version back when its rules hold this many workers past their time
     *     budget (see {@link #stuck}); 0 for never
     * @throws RuleCompilationException if the first rule set does not compile (whatever the compiler threw) or
     *     fails the gate
     */
    public LiveRules(Supplier<RuleSource> source, Function<RuleSource, CompiledRules> compiler, String label,
            Clock clock, int keepVersions, Function<CompiledRules, List<String>> gate, List<RuleSetListener> listeners,
            int rollbackWhenStuck) {
        this.rollbackWhenStuck = rollbackWhenStuck;
        this.source = source;
        this.compiler = compiler;
        this.label = label;
        this.clock = clock;
        this.keepVersions = keepVersions;
        this.gate = gate;
        this.listeners = List.copyOf(listeners);
        RuleSource first = source.get();
        CompiledRules compiled = stamp(compileContained(compiler, first));
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
        this.rollbackWhenStuck = 0;
        current.set(fixed);
    }

    /**
     * Compiles {@code candidate}; whatever the compiler throws besides its own {@link RuleCompilationException}
     * (a parser's {@code StackOverflowError}, an {@code OutOfMemoryError}, a bug) becomes one.
     */
    public static CompiledRules compileContained(Function<RuleSource, CompiledRules> compiler, RuleSource candidate) {
        try {
            return compiler.apply(candidate);
        } catch (RuleCompilationException e) {
            throw e;
        } catch (Throwable e) { // NOPMD: a hostile rule file must not take the caller down
            String what = e.getClass().getName();
            try {
                LOG.error("compiling rule set {} threw {}; it is rejected", candidate.description(), what, e);
            } catch (Throwable again) { // NOPMD: the stack or the heap is still short
            }
            throw new RuleCompilationException(candidate.root(), List.of(new dev.payafter.RuleProblem(
                    candidate.root(), 0, 0, "the rules could not be compiled: the compiler threw " + what
                    + (e instanceof StackOverflowError ? " (an expression nested or chained too deep?)" : ""))));
        }
    }

    /** The rule set serving now. */
    public CompiledRules current() {
        return current.get();
    }

    /** The kept earlier rule sets, newest first. */
    public List<RuleSetInfo> previous() {
        lock.lock();
        try {
            return previous.stream().map(CompiledRules::info).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Reads the source again; compiles and swaps in a new version if it changed and passes. Never throws. */
    public ReloadResult reload() {
        lock.lock();
        try {
            return reloadLocked();
        } catch (Throwable e) { // NOPMD: reload() is documented never to throw for bad rules
            return contained("reload", e);
        } finally {
            lock.unlock();
        }
    }

    private ReloadResult reloadLocked() {
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
        String why = quarantined.get(version);
        if (why != null) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version, List.of(why)));
        }
        long started = System.nanoTime();
        CompiledRules compiled;
        try {
            compiled = stamp(compileContained(compiler, candidate));
        } catch (RuleCompilationException e) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version,
                    e.problems().stream().map(Object::toString).toList()));
        }
        List<String> failures;
        try {
            failures = gate == null ? List.of() : gate.apply(compiled);
        } catch (Throwable e) { // NOPMD: the scenario tables run the candidate's rules
            failures = List.of("the scenario tables could not be run: " + e.getClass().getName());
        }
        if (!failures.isEmpty()) {
            return tell(new ReloadResult(ReloadResult.Status.REJECTED, serving.info(), version, failures));
        }
        swap(compiled);
        LOG.info("rule set {} swapped in for {} after {} ms", version, serving.info().version(),
                (System.nanoTime() - started) / 1_000_000);
        return tell(new ReloadResult(ReloadResult.Status.SWAPPED, compiled.info(), version, List.of()));
    }

    /** A reload or rollback that threw anyway: rejected with the reason; the serving rules keep serving. */
    private ReloadResult contained(String what, Throwable e) {
        String problem = "the " + what + " failed: " + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + truncated(e.getMessage()));
        try {
            LOG.error("{}; the serving rules keep serving", problem, e);
        } catch (Throwable again) { // NOPMD
        }
        return tell(new ReloadResult(ReloadResult.Status.REJECTED, current.get().info(), "", List.of(problem)));
    }

    private static String truncated(String message) {
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }

    /** Serves a kept earlier version again; the one serving now is kept in its place. Never throws. */
    public ReloadResult rollbackTo(String version) {
        lock.lock();
        try {
            return rollbackLocked(version, List.of());
        } catch (Throwable e) { // NOPMD
            return contained("rollback", e);
        } finally {
            lock.unlock();
        }
    }

    private ReloadResult rollbackLocked(String version, List<String> why) {
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
        return tell(new ReloadResult(ReloadResult.Status.ROLLED_BACK, restored.info(), version, why));
    }

    /**
     * The rules of {@code version} now hold {@code stuckOfVersion} time-budget workers past their budget. When
     * that reaches the threshold, {@code version} still serves and an earlier version is kept, the newest kept
     * version serves again (told to the listeners as {@code ROLLED_BACK}, the reason in its problems) and
     * {@code version} is not loaded again by a reload until its files change. Never blocks a decision: if a
     * reload holds the lock, the next stuck decision tries again.
     *
     * @return whether it rolled back
     */
    public boolean stuck(String version, int stuckOfVersion) {
        if (rollbackWhenStuck <= 0 || stuckOfVersion < rollbackWhenStuck
                || !version.equals(current.get().info().version()) || !lock.tryLock()) {
            return false;
        }
        try {
            if (!version.equals(current.get().info().version()) || previous.isEmpty()) {
                if (previous.isEmpty()) {
                    LOG.warn("rule set {} leaves {} decisions stuck, but no earlier version is kept to roll back to",
                            version, stuckOfVersion);
                }
                return false;
            }
            String why = "rule set " + version + " was rolled back automatically: its rules left " + stuckOfVersion
                    + " decisions running past their time budget (rollbackWhenStuck " + rollbackWhenStuck
                    + "); a reload loads it again only once its files change";
            quarantined.put(version, why);
            LOG.error(why);
            return rollbackLocked(previous.peekFirst().info().version(), List.of(why)).status()
                    == ReloadResult.Status.ROLLED_BACK;
        } catch (Throwable e) { // NOPMD: on a decision's thread
            LOG.error("the automatic rollback failed", e);
            return false;
        } finally {
            lock.unlock();
        }
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
            } catch (Throwable e) { // NOPMD: a listener never undoes a swap
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
