package dev.payafter.eligibility;

/**
 * What a refusal means for the consumer at checkout: it depends on the scenario, and the eligibility policy sets it per
 * profile and scenario (the {@code When refused} column of {@code rules/eligibility/eligibility-policy.drl.csv}).
 */
public enum RefusalPath {
    /** The consumer may still order by paying a deposit (deposit-free rental, Pay Score's deposit-waived services). */
    DEPOSIT,
    /** The consumer may still order by paying now (e-commerce goods). */
    PAY_NOW,
    /**
     * The order is refused (use-first services). Also every refusal whose scenario the profile does not offer, or
     * whose rules failed: the cautious path.
     */
    REFUSED
}
