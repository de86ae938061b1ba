package dev.payafter.live;

/** The three decisions. */
public enum DecisionKind {
    ELIGIBILITY,
    REFUND,
    DEDUCTION
}
