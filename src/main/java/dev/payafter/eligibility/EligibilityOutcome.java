package dev.payafter.eligibility;

/** The answer to an eligibility request. */
public enum EligibilityOutcome {
    /** The consumer may pay after use: freeze the credit the decision names. */
    ELIGIBLE,
    /** The consumer must pay up front; the decision lists every reason. */
    INELIGIBLE
}
