package dev.payafter.deduction;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scheduled step of a {@link DeductionPlan}: when, what it is, which attempt it belongs to, and the actions the
 * host takes then. A step assumes that every attempt before it failed at its planned time.
 *
 * @param at when the step is due
 * @param kind what the step is (and so the outcome of a decision asked then, {@link StepKind#outcome()})
 * @param attempt the deduction attempt it belongs to, from 1 (the first deduction) to the plan's
 *     {@link DeductionPlan#maxAttempts()}; a {@code REMIND} step announces attempt 1
 * @param actions what the host does at that time, in the order of {@link DeductionAction}
 */
public record PlannedStep(Instant at, StepKind kind, int attempt, List<DeductionAction> actions) {

    public PlannedStep {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more: " + attempt);
        }
        actions = List.copyOf(actions);
    }

    /**
     * The failed attempts a decision asked at this step's time has: the attempts before it for {@code REMIND},
     * {@code DEDUCT} and {@code RETRY}, this one too for {@code FAILED} and {@code OVERDUE}.
     */
    public int failedAttempts() {
        return kind == StepKind.FAILED || kind == StepKind.OVERDUE ? attempt : attempt - 1;
    }
}
