package dev.payafter.deduction;

/** What the consumer pays for. */
public enum OrderKind {
    /** Goods at an agreed amount, charged on receipt or at the end of a free trial. */
    GOODS,
    /** A service charged at its actual fee once known (express after weighing, parking after leaving, a stage). */
    SERVICE
}
