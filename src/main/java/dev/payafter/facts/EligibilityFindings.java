package dev.payafter.facts;

import dev.payafter.eligibility.RefusalPath;
import java.math.BigDecimal;

/** {@link Findings} of an eligibility decision, plus what to freeze and the free trial. */
public final class EligibilityFindings extends Findings {
    private BigDecimal creditToFreeze;
    private Integer freeTrialDays;
    private RefusalPath whenRefused;

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

    /** What a refusal means in the request's scenario, if the request is refused. */
    public void whenRefused(RefusalPath path) {
        open();
        this.whenRefused = path;
    }

    public RefusalPath whenRefused() {
        return whenRefused;
    }
}
