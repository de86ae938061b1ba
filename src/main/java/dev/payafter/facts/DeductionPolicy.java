package dev.payafter.facts;

import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.PlannedStep;
import dev.payafter.deduction.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The profile's deduction policy for one order kind and the order's count of failed attempts, filled in by the rows of
 * {@code rules/deduction/deduction-policy.drl.csv} and {@code rules/deduction/retry-schedule.drl.csv}.
 *
 * {@code retryAfterDays == null} once the retry schedule has no row for the count: retries are exhausted.
 *
 * <p>For the plan ({@link #plan}), the engine also gives it the retry schedule for every count: the retry-after days
 * the same rules set in a policy for 1, 2, 3, ... failed attempts (with no last failure), read once per rule set,
 * profile, order kind and day.
 */
public final class DeductionPolicy extends Policy {
    private final OrderKind kind;
    private final int failedAttempts;
    private final Instant lastFailedAt;
    private DeductionTrigger trigger;
    private Integer autoConfirmDays;
    private Integer freeTrialDays;
    private boolean platformGuaranteesSettlement;
    private Integer retryAfterDays;
    private Integer remindDaysBeforeCharge;
    private boolean restoreEligibilityWhenPaid;
    // the retry schedule as the same rules set it for every count: retrySchedule[n - 1] is the retry after n failed
    // attempts, up to the first count with none; shared by the policies of a rule set, never changed
    private final int[] retrySchedule;

    private static final int[] NO_RETRIES = new int[0];
    private static final List<DeductionAction> DEDUCT = List.of(DeductionAction.DEDUCT);
    private static final List<DeductionAction> REMIND = List.of(DeductionAction.REMIND_CONSUMER);
    private static final List<DeductionAction> REMIND_ADVANCE = List.of(DeductionAction.REMIND_CONSUMER,
            DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
    private static final List<DeductionAction> RETRY = List.of(DeductionAction.RETRY_DEDUCTION,
            DeductionAction.REMIND_CONSUMER);
    private static final List<DeductionAction> RETRY_ADVANCE = List.of(DeductionAction.RETRY_DEDUCTION,
            DeductionAction.REMIND_CONSUMER, DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
    private static final List<DeductionAction> OVERDUE = List.of(DeductionAction.MARK_OVERDUE,
            DeductionAction.REPORT_OVERDUE, DeductionAction.REVOKE_ELIGIBILITY);
    private static final List<DeductionAction> OVERDUE_ADVANCE = List.of(DeductionAction.ADVANCE_MERCHANT_SETTLEMENT,
            DeductionAction.MARK_OVERDUE, DeductionAction.REPORT_OVERDUE, DeductionAction.REVOKE_ELIGIBILITY);
    /** The most retries a plan lists (a schedule longer than this is cut there, with the overdue step after it). */
    private static final int MAX_PLANNED_ATTEMPTS = 1_001;

    /** A policy that knows the retry of its own count only (its plan lists no retry after that one). */
    public DeductionPolicy(String profile, OrderKind kind, int failedAttempts, Instant lastFailedAt, LocalDate date) {
        this(profile, kind, failedAttempts, lastFailedAt, date, NO_RETRIES);
    }

    /**
     * A policy with the retry schedule the engine read from the same rules for every count of failed attempts
     * ({@code retrySchedule[n - 1]}: the days to the retry after n failures, up to the first count with none), for
     * {@link #plan}. The array is not copied: it must not change.
     */
    public DeductionPolicy(String profile, OrderKind kind, int failedAttempts, Instant lastFailedAt, LocalDate date,
            int[] retrySchedule) {
        super(profile, date);
        this.kind = kind;
        this.failedAttempts = failedAttempts;
        this.lastFailedAt = lastFailedAt;
        this.retrySchedule = retrySchedule == null ? NO_RETRIES : retrySchedule;
    }

    /** When the last deduction failed, or {@code null} when none has. */
    public Instant getLastFailedAt() {
        return lastFailedAt;
    }

    public OrderKind getKind() {
        return kind;
    }

    public int getFailedAttempts() {
        return failedAttempts;
    }

    public DeductionTrigger getTrigger() {
        return trigger;
    }

    public void setTrigger(DeductionTrigger trigger) {
        this.trigger = trigger;
    }

    public Integer getAutoConfirmDays() {
        return autoConfirmDays;
    }

    public void setAutoConfirmDays(Integer autoConfirmDays) {
        this.autoConfirmDays = autoConfirmDays;
    }

    public Integer getFreeTrialDays() {
        return freeTrialDays;
    }

    public void setFreeTrialDays(Integer freeTrialDays) {
        this.freeTrialDays = freeTrialDays;
    }

    public boolean isPlatformGuaranteesSettlement() {
        return platformGuaranteesSettlement;
    }

    public void setPlatformGuaranteesSettlement(boolean platformGuaranteesSettlement) {
        this.platformGuaranteesSettlement = platformGuaranteesSettlement;
    }

    /** How many days before a charge that is due (trial end, automatic confirmation) the consumer is reminded. */
    public Integer getRemindDaysBeforeCharge() {
        return remindDaysBeforeCharge;
    }

    public void setRemindDaysBeforeCharge(Integer remindDaysBeforeCharge) {
        this.remindDaysBeforeCharge = remindDaysBeforeCharge;
    }

    /** Whether paying an overdue debt late restores the pay-after-use eligibility revoked when it became overdue. */
    public boolean isRestoreEligibilityWhenPaid() {
        return restoreEligibilityWhenPaid;
    }

    public void setRestoreEligibilityWhenPaid(boolean restoreEligibilityWhenPaid) {
        this.restoreEligibilityWhenPaid = restoreEligibilityWhenPaid;
    }

    /** The days to the retry after the order's failed attempts, or {@code null}: no retry is left. */
    public Integer getRetryAfterDays() {
        return retryAfterDays;
    }

    public void setRetryAfterDays(Integer retryAfterDays) {
        this.retryAfterDays = retryAfterDays;
    }

    /**
     * The days to the retry after {@code failed} failed attempts, or {@code null} when there is none: for the order's
     * own count, {@link #getRetryAfterDays()}; for any other, the retry schedule the engine read from the same rules.
     */
    public Integer retryDaysAfter(int failed) {
        if (failed == failedAttempts) {
            return retryAfterDays;
        }
        return failed >= 1 && failed <= retrySchedule.length ? Integer.valueOf(retrySchedule[failed - 1]) : null;
    }

    /** The first deduction plus every retry the schedule has in a row from the first failure on. */
    public int maxAttempts() {
        int attempts = 1;
        while (attempts <= MAX_PLANNED_ATTEMPTS && retryDaysAfter(attempts) != null) {
            attempts++;
        }
        return attempts;
    }

    /**
     * The plan of an order with no step scheduled yet: waiting for an event with no known time (delivery, the actual
     * fee); it only says how many attempts the schedule allows.
     */
    public DeductionPlan planNothingYet() {
        return new DeductionPlan(maxAttempts(), List.of());
    }

    /**
     * The plan from the order's next attempt (its failed attempts plus one) at {@code attemptAt} on: for the first
     * deduction, the reminder {@link #getRemindDaysBeforeCharge} days before it (not before {@code remindFrom}, and
     * only when {@code remindFrom} is given); then each attempt, what follows its failure, and the overdue step.
     *
     * @param attemptAt when the next attempt is made: now for a charge, the due time for a wait
     * @param remindFrom the earliest time for a reminder (delivery), or {@code null} for none
     * @param settlementAdvanced whether the merchant's settlement has been advanced already
     */
    public DeductionPlan plan(Instant attemptAt, Instant remindFrom, boolean settlementAdvanced) {
        List<PlannedStep> steps = new ArrayList<>(2 * retrySchedule.length + 4);
        int attempt = failedAttempts + 1;
        if (attempt == 1 && remindFrom != null && remindDaysBeforeCharge != null) {
            Instant remindAt = attemptAt.minus(Duration.ofDays(remindDaysBeforeCharge));
            steps.add(new PlannedStep(remindAt.isBefore(remindFrom) ? remindFrom : remindAt, StepKind.REMIND, 1,
                    REMIND));
        }
        steps(steps, attempt, attemptAt, settlementAdvanced);
        return new DeductionPlan(maxAttempts(), steps);
    }

    /**
     * The plan of an order whose last attempt failed ({@link #getLastFailedAt()}): that failure's step (a reminder,
     * or the overdue step when no retry is left), then the next attempts as {@link #plan} lists them.
     */
    public DeductionPlan planAfterFailure(boolean settlementAdvanced) {
        List<PlannedStep> steps = new ArrayList<>(2 * retrySchedule.length + 4);
        failure(steps, failedAttempts, lastFailedAt, settlementAdvanced);
        return new DeductionPlan(maxAttempts(), steps);
    }

    /** Adds attempt {@code attempt} at {@code at} and everything after it. */
    private void steps(List<PlannedStep> steps, int attempt, Instant at, boolean advanced) {
        boolean advanceNow = platformGuaranteesSettlement && !advanced && attempt > 1;
        steps.add(new PlannedStep(at, attempt == 1 ? StepKind.DEDUCT : StepKind.RETRY, attempt,
                attempt == 1 ? DEDUCT : advanceNow ? RETRY_ADVANCE : RETRY));
        failure(steps, attempt, at, advanced || advanceNow);
    }

    /** Adds the failure of attempt {@code attempt} at {@code at}, then each retry and failure until overdue. */
    private void failure(List<PlannedStep> steps, int attempt, Instant at, boolean advanced) {
        int current = attempt;
        Instant failedAt = at;
        boolean done = advanced;
        while (true) {
            boolean advanceNow = platformGuaranteesSettlement && !done;
            Integer days = retryDaysAfter(current);
            if (days == null || current >= MAX_PLANNED_ATTEMPTS) {
                steps.add(new PlannedStep(failedAt, StepKind.OVERDUE, current, advanceNow ? OVERDUE_ADVANCE : OVERDUE));
                return;
            }
            steps.add(new PlannedStep(failedAt, StepKind.FAILED, current, advanceNow ? REMIND_ADVANCE : REMIND));
            current++;
            failedAt = failedAt.plus(Duration.ofDays(days));
            steps.add(new PlannedStep(failedAt, StepKind.RETRY, current, RETRY));
            done = true;
        }
    }
}
