package dev.payafter.deduction;

/** Who carries the money while the consumer has not paid. */
public enum LossBearer {
    /** Nobody: nothing is owed, or it is being charged as agreed. */
    NONE,
    /** The platform, which guaranteed the merchant's settlement. */
    PLATFORM,
    /** The merchant, where the platform gives no guarantee. */
    MERCHANT
}
