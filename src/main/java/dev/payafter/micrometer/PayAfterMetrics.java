package dev.payafter.micrometer;

import dev.payafter.PayAfterEngine;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.live.ChallengerReport;
import dev.payafter.live.DecisionKind;
import dev.payafter.live.DecisionListener;
import dev.payafter.live.DecisionRecord;
import dev.payafter.live.ReloadResult;
import dev.payafter.live.RuleSetListener;
import dev.payafter.live.StuckDecision;
import dev.payafter.refund.RefundDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * payafter's metrics on a Micrometer {@link MeterRegistry}. Without Spring, one line:
 * <pre>{@code
 * PayAfterEngine engine = PayAfterMetrics.build(PayAfterEngine.builder().profile("kuaishou"), registry);
 * }</pre>
 * (or {@code builder.onDecision(metrics).onReload(metrics)}, then {@link #bindTo(PayAfterEngine)} for the gauges).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #DECISIONS}</td><td>timer</td><td>kind, profile, outcome</td></tr>
 *   <tr><td>{@value #REASONS}</td><td>counter</td><td>kind, code</td></tr>
 *   <tr><td>{@value #FAILED_CLOSED}</td><td>counter</td><td>kind, code (the engine's fail-closed codes)</td></tr>
 *   <tr><td>{@value #STUCK}</td><td>counter</td><td>kind</td></tr>
 *   <tr><td>{@value #RELOADS}</td><td>counter</td><td>result (SWAPPED, UNCHANGED, REJECTED, ROLLED_BACK)</td></tr>
 *   <tr><td>{@value #STUCK_WORKERS}</td><td>gauge</td><td>(none)</td></tr>
 *   <tr><td>{@value #CHALLENGER_COMPARED}, {@value #CHALLENGER_AGREED}</td><td>gauges</td><td>kind</td></tr>
 * </table>
 *
 * Tag values are bounded: kinds, outcomes and reload results are enums; a profile or a reason code comes from the
 * rule set, so at most {@value #MAX_TAG_VALUES} distinct values of each are used and any later one is tagged
 * {@code other}. No id (order, consumer, version) is ever a tag.
 */
public final class PayAfterMetrics implements DecisionListener, RuleSetListener {
    public static final String DECISIONS = "payafter.decisions";
    public static final String REASONS = "payafter.decision.reasons";
    public static final String FAILED_CLOSED = "payafter.decisions.failed.closed";
    public static final String STUCK = "payafter.decisions.stuck";
    public static final String RELOADS = "payafter.rules.reloads";
    public static final String STUCK_WORKERS = "payafter.workers.stuck";
    public static final String CHALLENGER_COMPARED = "payafter.challenger.compared";
    public static final String CHALLENGER_AGREED = "payafter.challenger.agreed";
    /** The most distinct values of a tag that comes from the rules (profile, reason code). */
    public static final int MAX_TAG_VALUES = 100;
    /** The engine's fail-closed reason codes (rules/README.md, "Reason codes"). */
    static final Set<String> FAIL_CLOSED_CODES = Set.of("RULE_ERROR", "RULE_FIRE_LIMIT", "RULE_TIME_BUDGET",
            "NOT_APPROVED", "NO_RULE_DECIDED", "CONFLICTING_RULES", "NO_CHARGE_AMOUNT");

    private final MeterRegistry registry;
    private final BoundedValues profiles = new BoundedValues();
    private final BoundedValues codes = new BoundedValues();

    public PayAfterMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Adds the metrics' listeners to {@code builder}, builds the engine and binds the gauges to it. */
    public static PayAfterEngine build(PayAfterEngine.Builder builder, MeterRegistry registry) {
        PayAfterMetrics metrics = new PayAfterMetrics(registry);
        PayAfterEngine engine = builder.onDecision(metrics).onReload(metrics).build();
        metrics.bindTo(engine);
        return engine;
    }

    /**
     * Registers the gauges that read {@code engine}: stuck workers and the challenger's counts. The engine is held
     * weakly (a collected engine's gauges read 0); a registry keeps the first gauge of a name and tags, so bind one
     * engine per registry.
     */
    public PayAfterMetrics bindTo(PayAfterEngine engine) {
        WeakReference<PayAfterEngine> ref = new WeakReference<>(engine);
        Gauge.builder(STUCK_WORKERS, ref, r -> r.get() == null ? 0 : r.get().health().stuckWorkers())
                .description("time-budget workers held by a decision past its budget").register(registry);
        for (DecisionKind kind : DecisionKind.values()) {
            challengerGauge(CHALLENGER_COMPARED, kind, ref, report -> report.compared().getOrDefault(kind, 0L));
            challengerGauge(CHALLENGER_AGREED, kind, ref, report -> report.agreed().getOrDefault(kind, 0L));
        }
        return this;
    }

    private void challengerGauge(String name, DecisionKind kind, WeakReference<PayAfterEngine> ref,
            ToDoubleFunction<ChallengerReport> value) {
        Gauge.builder(name, ref, r -> {
            PayAfterEngine engine = r.get();
            return engine == null ? 0 : engine.challengerReport().map(value::applyAsDouble).orElse(0.0);
        }).tags("kind", tag(kind)).register(registry);
    }

    @Override
    public void onDecision(DecisionRecord record) {
        String kind = tag(record.kind());
        Outcome outcome = outcome(record.decision());
        Timer.builder(DECISIONS).description("decisions, rules and glue")
                .tags(Tags.of("kind", kind, "profile", profiles.bounded(record.profile()), "outcome", outcome.name))
                .register(registry).record(record.elapsedNanos(), TimeUnit.NANOSECONDS);
        for (Reason reason : outcome.reasons) {
            String code = codes.bounded(reason.code());
            Counter.builder(REASONS).tags("kind", kind, "code", code).register(registry).increment();
            if (FAIL_CLOSED_CODES.contains(reason.code())) {
                Counter.builder(FAILED_CLOSED).tags("kind", kind, "code", code).register(registry).increment();
            }
        }
    }

    @Override
    public void onReload(ReloadResult result) {
        Counter.builder(RELOADS).tags("result", result.status().name()).register(registry).increment();
    }

    @Override
    public void onStuckDecision(StuckDecision stuck) {
        Counter.builder(STUCK).tags("kind", tag(stuck.kind())).register(registry).increment();
    }

    private static String tag(DecisionKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private record Outcome(String name, List<Reason> reasons) {
    }

    private static Outcome outcome(Record decision) {
        if (decision instanceof EligibilityDecision d) {
            return new Outcome(d.outcome().name(), d.reasons());
        }
        if (decision instanceof RefundDecision d) {
            return new Outcome(d.outcome().name(), d.reasons());
        }
        if (decision instanceof DeductionDecision d) {
            return new Outcome(d.outcome().name(), d.reasons());
        }
        return new Outcome("other", List.of());
    }

    /** At most {@link #MAX_TAG_VALUES} distinct values; any later one is {@code other}. */
    private static final class BoundedValues {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        String bounded(String value) {
            if (seen.contains(value)) {
                return value;
            }
            synchronized (this) {
                if (seen.size() < MAX_TAG_VALUES && value.length() <= 64) {
                    seen.add(value);
                    return value;
                }
            }
            return "other";
        }
    }
}
