package dev.payafter.eligibility;

/** The result of the platform's own risk assessment of the consumer (JD asks for a passed one). */
public enum RiskAssessment {
    PASSED,
    FAILED,
    NOT_ASSESSED
}
