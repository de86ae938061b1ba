package dev.payafter.internal;

import dev.payafter.DecisionTrace;
import dev.payafter.InvalidRequestException;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.live.EngineHealth;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hard bound on how long one decision may take: the rules run on one of a fixed number of worker threads and the
 * caller waits at most the budget. Past it the caller gets a fail-closed decision ({@code RULE_TIME_BUDGET}) and
 * the worker is interrupted: a sleeping or blocked rule stops, but a rule spinning in a loop cannot be stopped by
 * anything in Java ({@code Thread.stop} is gone), so it keeps its worker, burning a core, until it ends by itself;
 * its late result is dropped. Such a worker is counted as <em>stuck</em>. There are never more than
 * {@link #workers()} threads: when every one is stuck, a decision fails closed at once ("no worker free") without a
 * thread being made, and {@link #health()} and the stuck callback tell the host. Without a budget, decisions run on
 * the caller's thread and only the fire limit bounds them.
 */
public final class TimeBudget {
    private static final Logger LOG = LoggerFactory.getLogger(TimeBudget.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    public static final String CODE = "RULE_TIME_BUDGET";
    /** The workers of an engine with a time budget, unless its builder says otherwise. */
    public static final int DEFAULT_WORKERS = 4;
    /** Decisions that may wait for a free worker, per worker; more fail closed at once. */
    private static final int QUEUE_PER_WORKER = 256;

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int STUCK = 3;
    private static final int ABANDONED = 4;

    /** Told when a decision leaves its worker stuck: the version whose rules hold it, and the health after. */
    @FunctionalInterface
    public interface StuckListener {
        void stuck(String version, EngineHealth health);
    }

    /** What a decision that cannot finish in time becomes: the reason code and the message. */
    @FunctionalInterface
    public interface FailClosed<D> {
        D decide(String code, String why);
    }

    private final Duration budget;
    private final int workers;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger stuck = new AtomicInteger();
    private final Map<String, AtomicInteger> stuckByVersion = new ConcurrentHashMap<>();
    private final AtomicLong overBudget = new AtomicLong();
    private final AtomicLong refusedNoWorker = new AtomicLong();

    public TimeBudget(Duration budget) {
        this(budget, DEFAULT_WORKERS);
    }

    public TimeBudget(Duration budget, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be 1 or more: " + workers);
        }
        this.budget = budget;
        this.workers = workers;
        this.pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(workers * QUEUE_PER_WORKER), task -> {
                    Thread thread = new Thread(task, "payafter-decision-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true); // an idle engine holds no thread; a stuck worker is never idle
    }

    public Duration budget() {
        return budget;
    }

    /** How many workers there are (and so the most threads this budget ever runs at once). */
    public int workers() {
        return workers;
    }

    /** The workers now, and what the budget has refused. */
    public EngineHealth health() {
        Map<String, Integer> byVersion = new HashMap<>();
        stuckByVersion.forEach((version, count) -> {
            if (count.get() > 0) {
                byVersion.put(version, count.get());
            }
        });
        return new EngineHealth(workers, stuck.get(), byVersion, overBudget.get(), refusedNoWorker.get());
    }

    /** How many workers the rules of {@code version} hold past their budget. */
    public int stuck(String version) {
        AtomicInteger count = stuckByVersion.get(version);
        return count == null ? 0 : count.get();
    }

    /**
     * Runs {@code work} (a decision by the rules of {@code version}) within the budget, or returns
     * {@code failClosed}'s decision: when it runs over, when no worker is free, or when it throws anything but an
     * {@link InvalidRequestException} (which is the caller's to see, as without a budget). {@code onStuck} is told
     * when it leaves its worker stuck.
     */
    public <D> D run(String version, Callable<D> work, FailClosed<D> failClosed, StuckListener onStuck) {
        int stuckNow = stuck.get();
        if (stuckNow >= workers) {
            refusedNoWorker.incrementAndGet();
            return failClosed.decide(CODE, "no worker free: " + stuckNow + " decisions are stuck in the rules (past"
                    + " their " + budget.toMillis() + " ms time budget; Java cannot stop them); the decision fails"
                    + " closed");
        }
        AtomicInteger state = new AtomicInteger(QUEUED);
        Future<D> future;
        try {
            future = pool.submit(() -> {
                if (!state.compareAndSet(QUEUED, RUNNING)) {
                    return null; // the caller gave up before a worker took it
                }
                try {
                    return work.call();
                } finally {
                    if (!state.compareAndSet(RUNNING, DONE)) { // the caller gave up on it: its worker is free again
                        state.set(DONE);
                        stuck.decrementAndGet();
                        stuckByVersion.get(version).decrementAndGet();
                        LOG.info("a decision of rule set {} that ran past its time budget has ended; {} workers"
                                + " stuck", version, stuck.get());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            refusedNoWorker.incrementAndGet();
            return failClosed.decide(CODE, "no worker free: too many decisions are waiting for the " + workers
                    + " workers; the decision fails closed");
        }
        try {
            return future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return overrun(version, state, future, failClosed, onStuck);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            overrun(version, state, future, failClosed, onStuck);
            return failClosed.decide(CODE, "the deciding thread was interrupted; the decision fails closed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidRequestException invalid) {
                throw invalid; // an invalid request, as without a budget
            }
            LOG.error("a decision threw {} outside the rules; it fails closed", cause.getClass().getName(), cause);
            return failClosed.decide("RULE_ERROR", "the decision threw " + cause.getClass().getSimpleName()
                    + "; the decision fails closed");
        } catch (CancellationException e) {
            return failClosed.decide(CODE, "the decision was cancelled; it fails closed");
        }
    }

    private <D> D overrun(String version, AtomicInteger state, Future<D> future, FailClosed<D> failClosed,
            StuckListener listener) {
        overBudget.incrementAndGet();
        if (state.compareAndSet(QUEUED, ABANDONED)) {
            future.cancel(false);
            LOG.warn("a decision waited its whole {} ms time budget for a worker; it fails closed", budget.toMillis());
            return failClosed.decide(CODE, "no worker became free within the " + budget.toMillis()
                    + " ms time budget; the decision fails closed");
        }
        // counted before it is marked, so that the worker's own "ended" (which undoes the count) never comes first
        AtomicInteger ofVersion = stuckByVersion.computeIfAbsent(version, v -> new AtomicInteger());
        int now = stuck.incrementAndGet();
        ofVersion.incrementAndGet();
        if (state.compareAndSet(RUNNING, STUCK)) {
            future.cancel(true); // a sleeping or blocked rule stops; a spinning one does not
            EngineHealth health = health();
            LOG.warn("a decision of rule set {} ran over its {} ms time budget; it fails closed, and its rules still"
                    + " hold a worker ({} of {} workers stuck)", version, budget.toMillis(), now, workers);
            try {
                listener.stuck(version, health);
            } catch (Throwable t) { // NOPMD: the host's listener must not change the decision
                LOG.warn("the stuck-decision listener threw; ignored", t);
            }
        } else {
            stuck.decrementAndGet();
            ofVersion.decrementAndGet();
            try { // it finished in the meantime
                return future.get(1, TimeUnit.SECONDS);
            } catch (Exception late) { // NOPMD: fail closed as over budget
                LOG.debug("a late result could not be read", late);
            }
        }
        return failClosed.decide(CODE, "the rules did not decide within the " + budget.toMillis()
                + " ms time budget; the decision fails closed");
    }

    public void close() {
        pool.shutdownNow();
    }

    private static Reason reason(String code, String message) {
        return new Reason(code, message, "(engine)");
    }

    private static DecisionTrace trace(String profile, String version) {
        return new DecisionTrace(profile, version, List.of());
    }

    public static EligibilityDecision eligibility(EligibilityRequest r, String profile, String version, String code,
            String why) {
        return new EligibilityDecision(r.orderId(), EligibilityOutcome.INELIGIBLE, List.of(reason(code, why)),
                Optional.empty(), Optional.empty(), trace(profile, version));
    }

    public static RefundDecision refund(RefundRequest r, String profile, String version, String code, String why) {
        return new RefundDecision(r.orderId(), RefundOutcome.MANUAL_REVIEW, List.of(reason(code, why)), Optional.empty(),
                trace(profile, version));
    }

    public static DeductionDecision deduction(DeductionRequest r, String profile, String version, String code,
            String why) {
        return new DeductionDecision(r.orderId(), DeductionOutcome.MANUAL_REVIEW, List.of(), Optional.empty(),
                Optional.empty(), LossBearer.NONE, List.of(reason(code, why)), trace(profile, version));
    }
}
