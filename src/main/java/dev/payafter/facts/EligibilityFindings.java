package dev.payafter.facts;

import java.math.BigDecimal;

/** {@link Findings} of an eligibility decision, plus what to freeze and the free trial. */
public final class EligibilityFindings extends Findings {
    private BigDecimal creditToFreeze;
    private Integer freeTrialDays;

    /** The credit to freeze if the consumer is eligible. */
    public void freezeCredit(BigDecimal amount) {
        open();
        this.creditToFreeze = amount;
    }

    /** The free trial the consumer gets if eligible. */
    public void freeTrialDays(Integer days) {
        open();
        this.freeTrialDays = days;
    }

    public BigDecimal creditToFreeze() {
        return creditToFreeze;
    }

    public Integer freeTrialDays() {
        return freeTrialDays;
    }
}
