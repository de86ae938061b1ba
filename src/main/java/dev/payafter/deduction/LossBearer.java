package dev.payafter.deduction;

/**
 * Who bears a loss: in a deduction, who carries the money while the consumer has not paid (or the platform's advance
 * while it is not recovered); in a fast refund, who bears the loss should the goods have shipped untracked.
 */
public enum LossBearer {
    /** Nobody: nothing is owed, or it is being charged as agreed. */
    NONE,
    /** The platform, which guaranteed the merchant's settlement (and advanced it). */
    PLATFORM,
    /** The merchant, where the platform gives no guarantee, or who shipped without a tracking number. */
    MERCHANT
}
