package dev.payafter.deduction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the rules have scheduled for an order's payment, from the step the decision carries out (or the next one,
 * when it carries out none) to the last: the reminder before a charge that is due, the first deduction, each retry
 * with its reminder, what follows a failure, and when the debt becomes overdue. The times come from the deduction
 * policy and the retry schedule (rules/deduction); each step assumes the attempts before it failed at their planned
 * times, so a failure reported later moves every step after it (the decision asked after the failure carries the
 * plan with the real times). A host schedules its jobs from it and can tell the consumer "we will try again on the
 * 21st".
 *
 * <p>Empty when nothing is scheduled: the order waits for an event with no known time (delivery, the actual fee),
 * is not charged (refunded, returned, paid) or goes to a person (manual review, a hold).
 *
 * @param maxAttempts how many deductions the retry schedule allows: the first plus every retry (0 when the decision
 *     schedules nothing)
 * @param steps the steps in time order (steps at the same instant in the order they happen)
 */
public record DeductionPlan(int maxAttempts, List<PlannedStep> steps) {
    private static final DeductionPlan NONE = new DeductionPlan(0, List.of());

    public DeductionPlan {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 or more: " + maxAttempts);
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).at().isBefore(steps.get(i - 1).at())) {
                throw new IllegalArgumentException("plan steps must be in time order: step " + i + " at "
                        + steps.get(i).at() + " is before " + steps.get(i - 1).at());
            }
        }
    }

    /** The plan of a decision that schedules nothing. */
    public static DeductionPlan none() {
        return NONE;
    }

    /** Whether nothing is scheduled. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The next deduction attempt (first deduction or retry) in the plan. */
    public Optional<PlannedStep> nextAttempt() {
        for (PlannedStep step : steps) {
            if (step.kind() == StepKind.DEDUCT || step.kind() == StepKind.RETRY) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** The step at which the debt becomes overdue, if the plan reaches it. */
    public Optional<PlannedStep> overdue() {
        return steps.isEmpty() || steps.get(steps.size() - 1).kind() != StepKind.OVERDUE ? Optional.empty()
                : Optional.of(steps.get(steps.size() - 1));
    }

    /** When the debt becomes overdue if every attempt fails at its planned time. */
    public Optional<Instant> overdueAt() {
        return overdue().map(PlannedStep::at);
    }
}
