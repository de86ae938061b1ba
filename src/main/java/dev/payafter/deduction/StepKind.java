package dev.payafter.deduction;

/**
 * What a {@link PlannedStep} of a {@link DeductionPlan} is, and so what the decision asked at its time says:
 * {@link #REMIND} and {@link #FAILED} are a {@code WAIT}, {@link #DEDUCT} and {@link #RETRY} a {@code CHARGE},
 * {@link #OVERDUE} an {@code OVERDUE}.
 */
public enum StepKind {
    /** A reminder before a charge that is due (the deduction policy's "remind before the charge" days). */
    REMIND,
    /** The first deduction (attempt 1). */
    DEDUCT,
    /** A retry of a failed deduction (attempts 2 and up), with its reminder. */
    RETRY,
    /** The attempt failed and a retry is left: the consumer is reminded at once (the settlement advanced). */
    FAILED,
    /** The last attempt failed: the debt is overdue, and what is done then. */
    OVERDUE;

    /** The outcome of a decision asked at this step's time, with the failed attempts the step implies. */
    public DeductionOutcome outcome() {
        return switch (this) {
            case REMIND, FAILED -> DeductionOutcome.WAIT;
            case DEDUCT, RETRY -> DeductionOutcome.CHARGE;
            case OVERDUE -> DeductionOutcome.OVERDUE;
        };
    }
}
