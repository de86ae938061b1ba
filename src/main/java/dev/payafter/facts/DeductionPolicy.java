package dev.payafter.facts;

import dev.payafter.deduction.OrderKind;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The profile's deduction policy for one order kind and the order's count of failed attempts, filled in by the rows of
 * {@code rules/deduction/deduction-policy.drl.csv} and {@code rules/deduction/retry-schedule.drl.csv}.
 * {@code retryAfterDays == null} once the retry schedule has no row for the count: retries are exhausted.
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

    public DeductionPolicy(String profile, OrderKind kind, int failedAttempts, Instant lastFailedAt, LocalDate date) {
        super(profile, date);
        this.kind = kind;
        this.failedAttempts = failedAttempts;
        this.lastFailedAt = lastFailedAt;
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

    public Integer getRetryAfterDays() {
        return retryAfterDays;
    }

    public void setRetryAfterDays(Integer retryAfterDays) {
        this.retryAfterDays = retryAfterDays;
    }
}
