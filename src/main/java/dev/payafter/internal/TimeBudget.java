package dev.payafter.internal;

import dev.payafter.DecisionTrace;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hard bound on how long one decision may take: the rules run on a worker thread and the caller waits at most
 * the budget. Past it the caller gets a fail-closed decision ({@code RULE_TIME_BUDGET}) and the worker is
 * interrupted (a sleeping or blocked rule stops; a rule spinning in a loop keeps its worker until it ends, and
 * its late result is dropped). Without a budget, decisions run on the caller's thread and only the fire limit
 * bounds them.
 */
public final class TimeBudget {
    private static final Logger LOG = LoggerFactory.getLogger(TimeBudget.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    public static final String CODE = "RULE_TIME_BUDGET";

    private final Duration budget;
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "payafter-decision-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public TimeBudget(Duration budget) {
        this.budget = budget;
    }

    public Duration budget() {
        return budget;
    }

    /** Runs {@code work} within the budget, or returns {@code failClosed}'s decision if it runs over. */
    public <D> D run(Callable<D> work, java.util.function.Function<String, D> failClosed) {
        Future<D> future = workers.submit(work);
        try {
            return future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("a decision ran over its {} ms time budget; it fails closed", budget.toMillis());
            return failClosed.apply("the rules did not decide within the " + budget.toMillis()
                    + " ms time budget; the decision fails closed");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failClosed.apply("the deciding thread was interrupted; the decision fails closed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime; // an invalid request, as without a budget
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    public void close() {
        workers.shutdownNow();
    }

    private static Reason reason(String message) {
        return new Reason(CODE, message, "(engine)");
    }

    private static DecisionTrace trace(String profile, String version) {
        return new DecisionTrace(profile, version, List.of());
    }

    public static EligibilityDecision eligibility(EligibilityRequest r, String profile, String version, String why) {
        return new EligibilityDecision(r.orderId(), EligibilityOutcome.INELIGIBLE, List.of(reason(why)),
                Optional.empty(), Optional.empty(), trace(profile, version));
    }

    public static RefundDecision refund(RefundRequest r, String profile, String version, String why) {
        return new RefundDecision(r.orderId(), RefundOutcome.MANUAL_REVIEW, List.of(reason(why)), Optional.empty(),
                trace(profile, version));
    }

    public static DeductionDecision deduction(DeductionRequest r, String profile, String version, String why) {
        return new DeductionDecision(r.orderId(), DeductionOutcome.MANUAL_REVIEW, List.of(), Optional.empty(),
                Optional.empty(), LossBearer.NONE, List.of(reason(why)), trace(profile, version));
    }
}
