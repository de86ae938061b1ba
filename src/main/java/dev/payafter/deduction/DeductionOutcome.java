package dev.payafter.deduction;

/** What to do with an order's payment now. */
public enum DeductionOutcome {
    /** Deduct {@code chargeAmount} now (a first deduction or a retry; see the actions). */
    CHARGE,
    /** Nothing to charge yet: check again at {@code nextCheckAt}, or when the named event happens if it is empty. */
    WAIT,
    /** A return is in progress: hold the deduction until it is checked on arrival. */
    HOLD,
    /** The consumer owes nothing for this order. */
    NO_CHARGE,
    /** Not charged automatically: a person decides (for example a fee above the authorised maximum). */
    MANUAL_REVIEW,
    /** Every retry failed: the debt is overdue. Stop retrying, report it, revoke the consumer's eligibility. */
    OVERDUE
}
