package dev.payafter.refund;

/** The answer to a refund request. */
public enum RefundOutcome {
    /** The platform approves and refunds at once; show the decision's notice. */
    AUTO_APPROVED,
    /** The request goes to the merchant's ordinary review; the decision lists every reason. */
    MANUAL_REVIEW
}
