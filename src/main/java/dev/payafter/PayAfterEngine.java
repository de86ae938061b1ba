package dev.payafter;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.internal.BundledModel;
import dev.payafter.internal.Challenger;
import dev.payafter.internal.CompiledRules;
import dev.payafter.internal.Deciders;
import dev.payafter.internal.LiveRules;
import dev.payafter.internal.RuleAccessPolicy;
import dev.payafter.internal.RuleCompiler;
import dev.payafter.internal.RuleSource;
import dev.payafter.internal.RulesWatcher;
import dev.payafter.internal.TimeBudget;
import dev.payafter.live.ChallengerMode;
import dev.payafter.live.ChallengerReport;
import dev.payafter.live.DecisionKind;
import dev.payafter.live.DecisionListener;
import dev.payafter.live.DecisionRecord;
import dev.payafter.live.EngineHealth;
import dev.payafter.live.StuckDecision;
import dev.payafter.live.ReloadResult;
import dev.payafter.live.RuleSetListener;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: makes pay-after-use decisions (eligibility, fast refund, deduction) with a compiled rule set
 * under one platform profile.
 *
 * <pre>{@code
 * PayAfterEngine engine = PayAfterEngine.builder()
 *         .profile("kuaishou")          // one of the rule set's profiles.csv
 *         .build();                     // the bundled rules; or .rules(Path.of("rules"))
 * EligibilityDecision d = engine.decide(eligibilityRequest);
 * }</pre>
 *
 * <p>An engine is thread-safe: build one and share it across the whole host application. Its configuration
 * never changes; its rule set changes only by {@link #reload()}, {@link #rollbackTo} or the opt-in directory
 * watch, each an atomic swap: every decision is made wholly by one rule-set version and reports it.
 * {@link #withProfile} and {@link #withClock} give views that share the same live rules, listeners and
 * challenger at no cost. {@link #close()} stops the directory watch, if any.
 */
public final class PayAfterEngine implements AutoCloseable {
    /** How many rule firings one decision may take before it fails closed (a guard against looping rules). */
    public static final int DEFAULT_FIRE_LIMIT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PayAfterEngine.class);

    /** What all views of one engine share. */
    private record Shared(LiveRules live, List<DecisionListener> listeners, Challenger challenger,
            RulesWatcher watcher, TimeBudget budget, List<RuleSetListener> reloadListeners) {
    }

    private final Shared shared;
    private final String profile;
    private final Clock clock;
    /** The clock zone's rules, read once: a {@code ZoneOffset} makes new rules on every {@code getRules()}. */
    private final ZoneRules zoneRules;
    private final int fireLimit;

    private PayAfterEngine(Shared shared, String profile, Clock clock, int fireLimit) {
        this.shared = shared;
        this.profile = profile;
        this.clock = clock;
        this.zoneRules = clock.getZone().getRules();
        this.fireLimit = fireLimit;
    }

    /** Starts building an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * May this consumer pay after use for this order? Requests check their own invariants when constructed, so
     * this never refuses one; rule faults become a fail-closed {@code INELIGIBLE} decision, never an exception.
     */
    public EligibilityDecision decide(EligibilityRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        LocalDate today = today(now);
        return decide(DecisionKind.ELIGIBILITY, request, request.consumer().id(), now,
                rules -> Deciders.eligibility(rules, profile, fireLimit, request, today),
                (version, code, why) -> TimeBudget.eligibility(request, profile, version, code, why));
    }

    /** Does this refund-only request pass automatically? Rule faults become a fail-closed {@code MANUAL_REVIEW}. */
    public RefundDecision decide(RefundRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        LocalDate today = today(now);
        return decide(DecisionKind.REFUND, request, request.buyer().id(), now,
                rules -> Deciders.refund(rules, profile, fireLimit, request, today),
                (version, code, why) -> TimeBudget.refund(request, profile, version, code, why));
    }

    /**
     * What should happen with this order's payment at the clock's now? Rule faults become a fail-closed
     * {@code MANUAL_REVIEW} with no charge.
     *
     * @throws InvalidRequestException if a time in the request is after the clock's now
     */
    public DeductionDecision decide(DeductionRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        LocalDate today = today(now);
        return decide(DecisionKind.DEDUCTION, request, request.consumerId(), now,
                rules -> Deciders.deduction(rules, profile, fireLimit, request, now, today),
                (version, code, why) -> TimeBudget.deduction(request, profile, version, code, why));
    }

    /** A fail-closed decision of one kind: by a version, with a reason code and message. */
    @FunctionalInterface
    private interface FailClosed<D> {
        D decide(String version, String code, String why);
    }

    private <D extends Record> D decide(DecisionKind kind, Record request, String consumerId, Instant now,
            Function<CompiledRules, D> decider, FailClosed<D> failClosed) {
        long started = System.nanoTime();
        CompiledRules rules = shared.live().current();
        D decision;
        boolean byChallenger = false;
        Function<CompiledRules, D> bounded = r -> contained(kind, request, r, decider, failClosed);
        try {
            if (shared.challenger() == null) {
                decision = bounded.apply(rules);
            } else {
                Challenger.Outcome<D> outcome = shared.challenger().decide(kind, request, consumerId, rules, bounded);
                decision = outcome.decision();
                byChallenger = outcome.servedByChallenger();
            }
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Throwable e) { // NOPMD: nothing the rules cause escapes a decision
            decision = failClosed.decide(rules.info().version(), "RULE_ERROR", "the decision threw "
                    + e.getClass().getSimpleName() + "; it fails closed");
        }
        if (!shared.listeners().isEmpty()) {
            DecisionRecord record = new DecisionRecord(kind, now, profile, request, decision,
                    System.nanoTime() - started, byChallenger);
            for (DecisionListener listener : shared.listeners()) {
                try {
                    listener.onDecision(record);
                } catch (RuntimeException e) {
                    LOG.warn("decision listener {} threw; the decision stands", listener, e);
                }
            }
        }
        return decision;
    }

    /**
     * One decision by {@code rules}: under the time budget if there is one, else on this thread; anything but an
     * invalid request becomes the fail-closed decision.
     */
    private <D extends Record> D contained(DecisionKind kind, Record request, CompiledRules rules,
            Function<CompiledRules, D> decider, FailClosed<D> failClosed) {
        String version = rules.info().version();
        TimeBudget budget = shared.budget();
        if (budget != null) {
            return budget.run(version, () -> decider.apply(rules), (code, why) -> failClosed.decide(version, code, why),
                    (stuckVersion, health) -> stuck(kind, request, stuckVersion, budget, health));
        }
        try {
            return decider.apply(rules);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Throwable e) { // NOPMD: DecisionRunner contains the rules; this is the rest of the glue
            LOG.error("a decision threw {}; it fails closed", e.getClass().getName(), e);
            return failClosed.decide(version, "RULE_ERROR", "the decision threw " + e.getClass().getSimpleName()
                    + "; it fails closed");
        }
    }

    /** A decision left its worker stuck: tell the listeners, then roll back if the host asked for it. */
    private void stuck(DecisionKind kind, Record request, String version, TimeBudget budget, EngineHealth health) {
        String orderId = request instanceof EligibilityRequest e ? e.orderId()
                : request instanceof RefundRequest r ? r.orderId() : ((DeductionRequest) request).orderId();
        StuckDecision event = new StuckDecision(version, kind, orderId, budget.budget(), health);
        for (RuleSetListener listener : shared.reloadListeners()) {
            try {
                listener.onStuckDecision(event);
            } catch (Throwable e) { // NOPMD: a listener never changes a decision
                LOG.warn("rule-set listener {} threw on a stuck decision; ignored", listener, e);
            }
        }
        shared.live().stuck(version, budget.stuck(version));
    }

    /**
     * How the time-budget workers stand: how many there are, how many are stuck in rules that ran past their
     * budget (Java cannot stop a spinning rule; its worker is held until it ends), by which rule-set version, and
     * how many decisions failed closed for it. All zero without {@link Builder#timeBudget}. {@link #ruleSet()}
     * stays a fixed description of the rules; this is the part that moves.
     */
    public EngineHealth health() {
        return shared.budget() == null ? new EngineHealth(0, 0, java.util.Map.of(), 0, 0) : shared.budget().health();
    }

    /** The profile this engine decides under. */
    public String profile() {
        return profile;
    }

    /** The clock that gives decisions their "now" (and their date, in its zone, for effective dates). */
    /** The date of {@code now} in the clock's zone (as {@code LocalDate.ofInstant}, without its allocations). */
    private LocalDate today(Instant now) {
        int offset = zoneRules.getOffset(now).getTotalSeconds();
        return LocalDate.ofEpochDay(Math.floorDiv(now.getEpochSecond() + offset, 86_400L));
    }

    public Clock clock() {
        return clock;
    }

    /** The rule set serving now: source, version, label, load time, files, profiles, rules. */
    public RuleSetInfo ruleSet() {
        return shared.live().current().info();
    }

    /** The earlier rule sets kept for rollback (see {@link Builder#keepVersions}), newest first. */
    public List<RuleSetInfo> previousRuleSets() {
        return shared.live().previous();
    }

    /**
     * Reads the rules again and, if they changed, compiles them on this thread and swaps them in atomically.
     * A candidate that does not compile (or fails its scenario tables, when the engine was built with
     * {@link Builder#requireScenarioTablesToPass()}) is rejected: the serving rules keep serving. Listeners and
     * the log are told either way. Never throws for bad rules; read the result.
     */
    public ReloadResult reload() {
        return shared.live().reload();
    }

    /** Serves a kept earlier version again (see {@link #previousRuleSets()}); rejected if it is not kept. */
    public ReloadResult rollbackTo(String version) {
        return shared.live().rollbackTo(Objects.requireNonNull(version, "version"));
    }

    /** How the challenger rule set has done, if the engine runs one. */
    public Optional<ChallengerReport> challengerReport() {
        return Optional.ofNullable(shared.challenger()).map(Challenger::report);
    }

    /**
     * The same live rules under another profile of the rule set.
     *
     * @throws PayAfterException if the rule set serving now has no such profile
     */
    public PayAfterEngine withProfile(String otherProfile) {
        return new PayAfterEngine(shared, checkedProfile(shared.live().current(), otherProfile), clock, fireLimit);
    }

    /** The same live rules and profile with another clock (for replays, tests, batch sweeps). */
    public PayAfterEngine withClock(Clock otherClock) {
        return new PayAfterEngine(shared, profile, Objects.requireNonNull(otherClock, "clock"), fireLimit);
    }

    /** Stops the rules-directory watch and the time-budget workers, if any. */
    @Override
    public void close() {
        if (shared.watcher() != null) {
            shared.watcher().close();
        }
        if (shared.budget() != null) {
            shared.budget().close();
        }
    }

    private static String checkedProfile(CompiledRules rules, String profile) {
        Objects.requireNonNull(profile, "profile");
        if (!rules.profiles().containsKey(profile)) {
            throw new PayAfterException("unknown profile \"" + profile + "\"; rule set " + rules.info().source()
                    + " defines " + rules.info().profiles());
        }
        return profile;
    }

    /** Builds a {@link PayAfterEngine}; every setter checks its argument at once. */
    public static final class Builder {
        private Path rulesDirectory;
        private String profile;
        private Clock clock = Clock.systemUTC();
        private int fireLimit = DEFAULT_FIRE_LIMIT;
        private String label = "";
        private int keepVersions;
        private boolean scenarioGate;
        private Duration watchDebounce;
        private final List<RuleSetListener> reloadListeners = new ArrayList<>();
        private final List<DecisionListener> decisionListeners = new ArrayList<>();
        private ChallengerMode challengerMode;
        private Path challengerRules;
        private int splitPercent;
        private int keepDisagreements = 100;
        private final List<String> ruleAccess = new ArrayList<>();
        private Duration timeBudget;
        private int workers = TimeBudget.DEFAULT_WORKERS;
        private int rollbackWhenStuck;

        private Builder() {
        }

        /** Loads the rules from a directory (the analysts' {@code rules/}) instead of the bundled rules. */
        public Builder rules(Path directory) {
            this.rulesDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Uses the rules bundled in this library's jar (the default). */
        public Builder bundledRules() {
            this.rulesDirectory = null;
            return this;
        }

        /** The platform profile to decide under, for example {@code kuaishou}; required. */
        public Builder profile(String value) {
            Objects.requireNonNull(value, "profile");
            if (value.isBlank()) {
                throw new IllegalArgumentException("profile must not be blank");
            }
            this.profile = value;
            return this;
        }

        /**
         * The clock that gives decisions their "now", and their date (in the clock's zone) for effective dates;
         * the system UTC clock by default. A Chinese platform wants {@code Clock.system(ZoneId.of("Asia/Shanghai"))}.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The most rule firings one decision may take before it fails closed; 10,000 by default. */
        public Builder fireLimit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("fireLimit must be 1 or more: " + value);
            }
            this.fireLimit = value;
            return this;
        }

        /**
         * The longest one decision may take: the rules then run on one of a fixed number of worker threads
         * ({@link #decisionWorkers}) and a decision that runs over fails closed ({@code RULE_TIME_BUDGET}: not
         * eligible, manual review, no charge) while the engine keeps serving. Off by default: decisions run on the
         * caller's thread, bounded by the fire limit only.
         *
         * <p><b>What Java can and cannot stop.</b> Past the budget the worker is interrupted: a rule that sleeps,
         * waits or blocks stops. A rule that spins ({@code while (true) {}}) or grinds (a huge {@code BigDecimal}
         * power) cannot be stopped by anything in Java ({@code Thread.stop} is gone): its decision fails closed at
         * once, but its worker stays busy, burning a core, until the rule ends by itself. Such a worker is
         * <em>stuck</em>; the engine never makes another thread in its place. When every worker is stuck, decisions
         * fail closed at once ("no worker free"). {@link PayAfterEngine#health()} and
         * {@link RuleSetListener#onStuckDecision} tell the host; {@link #rollbackWhenStuck} takes the rules that do
         * it out of service; only a restart of the JVM frees the cores. Without a budget a spinning rule holds the
         * caller's thread. A {@code StackOverflowError} or {@code OutOfMemoryError} in the rules is contained with
         * or without a budget ({@code RULE_ERROR}); its session is discarded.
         */
        public Builder timeBudget(Duration value) {
            Objects.requireNonNull(value, "timeBudget");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeBudget must be more than zero: " + value);
            }
            this.timeBudget = value;
            return this;
        }

        /**
         * How many worker threads decide under the {@link #timeBudget}; {@value TimeBudget#DEFAULT_WORKERS} by
         * default. This is the most threads the budget ever uses: a rule that spins past its budget keeps its worker
         * (Java cannot stop it), and once every worker is held so, decisions fail closed at once
         * ({@code RULE_TIME_BUDGET}, "no worker free") without a thread being made. See
         * {@link PayAfterEngine#health()}.
         */
        public Builder decisionWorkers(int value) {
            if (value < 1 || value > 1024) {
                throw new IllegalArgumentException("decisionWorkers must be 1 to 1024: " + value);
            }
            this.workers = value;
            return this;
        }

        /**
         * Rolls back to the newest kept version (see {@link #keepVersions}) as soon as the serving version's rules
         * hold {@code stuckDecisions} workers past their {@link #timeBudget}: a reload that brought in a rule that
         * spins stops serving on its own. The rollback is told to {@link #onReload} listeners as
         * {@code ROLLED_BACK} with the reason, and those files are not loaded again until they change. The stuck
         * workers themselves stay held until their rules end (Java cannot stop them). Off by default; needs a time
         * budget, {@code keepVersions(1)} or more, and fewer than {@link #decisionWorkers} stuck decisions.
         */
        public Builder rollbackWhenStuck(int stuckDecisions) {
            if (stuckDecisions < 1) {
                throw new IllegalArgumentException("rollbackWhenStuck must be 1 or more: " + stuckDecisions);
            }
            this.rollbackWhenStuck = stuckDecisions;
            return this;
        }

        /** A label for the loaded rule set (a release ticket, say), shown in {@link RuleSetInfo#label()}. */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        /** How many replaced rule sets to keep for {@link #rollbackTo}; 0 (none) by default. */
        public Builder keepVersions(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("keepVersions must be 0 or more: " + value);
            }
            this.keepVersions = value;
            return this;
        }

        /** Told of every reload and rollback. */
        public Builder onReload(RuleSetListener listener) {
            reloadListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Receives every decision (an audit trail, metrics). See {@link dev.payafter.live.JsonLinesAuditSink}. */
        public Builder onDecision(DecisionListener listener) {
            decisionListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * A rule set (and every reload of it) must pass its own scenario tables to serve: at build a failing one
         * throws, on reload it is rejected. Needs {@link #rules(Path)}.
         */
        public Builder requireScenarioTablesToPass() {
            this.scenarioGate = true;
            return this;
        }

        /**
         * Watches the rules directory and reloads once the files have been quiet for {@code debounce}. Opt-in;
         * needs {@link #rules(Path)}; {@link PayAfterEngine#close()} stops it.
         */
        public Builder watchRules(Duration debounce) {
            Objects.requireNonNull(debounce, "debounce");
            if (debounce.isNegative()) {
                throw new IllegalArgumentException("debounce must not be negative: " + debounce);
            }
            this.watchDebounce = debounce;
            return this;
        }

        /** Runs a challenger rule set in shadow: it decides every request too; only its agreement is recorded. */
        public Builder shadowChallenger(Path challengerDirectory) {
            this.challengerMode = ChallengerMode.SHADOW;
            this.challengerRules = Objects.requireNonNull(challengerDirectory, "challengerDirectory");
            this.splitPercent = 0;
            return this;
        }

        /** Serves {@code percent} of consumers (by a stable hash of their id) with a challenger rule set. */
        public Builder splitChallenger(Path challengerDirectory, int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("percent must be 0 to 100: " + percent);
            }
            this.challengerMode = ChallengerMode.SPLIT;
            this.challengerRules = Objects.requireNonNull(challengerDirectory, "challengerDirectory");
            this.splitPercent = percent;
            return this;
        }

        /** How many disagreeing requests the challenger report keeps (the most recent); 100 by default. */
        public Builder keepDisagreements(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("keepDisagreements must be 0 or more: " + value);
            }
            this.keepDisagreements = value;
            return this;
        }

        /**
         * Lets the rules use more Java than the safe default (the model types, {@code java.lang.Math}, strings,
         * boxed primitives, {@code BigDecimal}, {@code java.time}, the {@code java.util} collections). Each entry
         * is a class ({@code com.acme.Geo}), a package's classes ({@code com.acme.geo.*}) or a package tree
         * ({@code com.acme.**}). A rule that reaches outside the allow-list does not compile.
         *
         * @throws IllegalArgumentException for an entry of another form
         */
        public Builder allowRuleAccessTo(String... classOrPackage) {
            for (String entry : classOrPackage) {
                ruleAccess.add(RuleAccessPolicy.checkedEntry(entry));
            }
            return this;
        }

        /**
         * Compiles the rules and builds the engine.
         *
         * @throws RuleCompilationException with every problem, if the rules (or the challenger's) do not compile
         * @throws PayAfterException if no profile was chosen, the rule set does not define it, or the rule set
         *     fails its scenario tables when that gate was asked for
         */
        public PayAfterEngine build() {
            if (profile == null) {
                throw new PayAfterException("choose a profile with .profile(...), for example \"kuaishou\"");
            }
            if (rollbackWhenStuck > 0 && (timeBudget == null || keepVersions < 1 || rollbackWhenStuck >= workers)) {
                throw new PayAfterException("rollbackWhenStuck(" + rollbackWhenStuck + ") needs .timeBudget(...),"
                        + " .keepVersions(1) or more (a version to roll back to) and fewer than the " + workers
                        + " decisionWorkers (so that a worker is left to serve the version rolled back to)");
            }
            if (rulesDirectory == null && (scenarioGate || watchDebounce != null)) {
                throw new PayAfterException("the scenario gate and the directory watch need .rules(Path)");
            }
            Path directory = rulesDirectory;
            Supplier<RuleSource> source = directory == null ? RuleSource::bundled
                    : () -> RuleSource.fromDirectory(directory);
            int limit = fireLimit;
            Clock engineClock = clock;
            String engineProfile = profile;
            Function<CompiledRules, List<String>> gate = !scenarioGate ? null
                    : LiveRules.scenarioGate(directory, compiled -> new PayAfterEngine(
                            new Shared(new LiveRules(compiled), List.of(), null, null, null, List.of()),
                            compiled.info().profiles().isEmpty() ? engineProfile : compiled.info().profiles().get(0),
                            engineClock, limit));
            RuleAccessPolicy access = RuleAccessPolicy.defaults().allowing(ruleAccess);
            Function<RuleSource, CompiledRules> compiler = candidate -> RuleCompiler.compile(candidate, access);
            if (directory == null) {
                // the bundled rules load from the executable model precompiled at build time, when it matches
                Function<RuleSource, CompiledRules> compile = compiler;
                compiler = candidate -> {
                    CompiledRules precompiled = BundledModel.load(candidate);
                    return precompiled != null ? precompiled : compile.apply(candidate);
                };
            }
            LiveRules live = new LiveRules(source, compiler, label, clock, keepVersions, gate, reloadListeners,
                    rollbackWhenStuck);
            checkedProfile(live.current(), profile);
            Challenger challenger = null;
            if (challengerMode != null) {
                CompiledRules challengerCompiled = LiveRules.compileContained(compiler,
                        RuleSource.fromDirectory(challengerRules));
                checkedProfile(challengerCompiled, profile);
                challenger = new Challenger(challengerMode, splitPercent, challengerCompiled, keepDisagreements);
            }
            RulesWatcher watcher = watchDebounce == null ? null
                    : new RulesWatcher(directory, watchDebounce, live::reload);
            TimeBudget budget = timeBudget == null ? null : new TimeBudget(timeBudget, workers);
            return new PayAfterEngine(new Shared(live, List.copyOf(decisionListeners), challenger, watcher, budget,
                    List.copyOf(reloadListeners)), profile, clock, fireLimit);
        }
    }
}
