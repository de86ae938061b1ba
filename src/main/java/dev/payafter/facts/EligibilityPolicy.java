package dev.payafter.facts;

import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.eligibility.RefusalPath;
import dev.payafter.eligibility.Scenario;
import java.time.LocalDate;

/**
 * The profile's eligibility policy for one scenario, filled in by the rows of
 * {@code rules/eligibility/eligibility-policy.drl.csv}. Empty ({@code scoreProvider == null}) when the profile
 * does not offer the scenario.
 */
public final class EligibilityPolicy extends Policy {
    private final Scenario scenario;
    private ScoreProvider scoreProvider;
    private Integer minimumScore;
    private boolean riskAssessmentRequired;
    private boolean merchantThresholdRequired;
    private Integer freeTrialDays;
    private Integer maxOverdueOrders;
    private RefusalPath whenRefused;

    public EligibilityPolicy(String profile, Scenario scenario, LocalDate date) {
        super(profile, date);
        this.scenario = scenario;
    }

    public Scenario getScenario() {
        return scenario;
    }

    public ScoreProvider getScoreProvider() {
        return scoreProvider;
    }

    public void setScoreProvider(ScoreProvider scoreProvider) {
        this.scoreProvider = scoreProvider;
    }

    public Integer getMinimumScore() {
        return minimumScore;
    }

    public void setMinimumScore(Integer minimumScore) {
        this.minimumScore = minimumScore;
    }

    public boolean isRiskAssessmentRequired() {
        return riskAssessmentRequired;
    }

    public void setRiskAssessmentRequired(boolean riskAssessmentRequired) {
        this.riskAssessmentRequired = riskAssessmentRequired;
    }

    public boolean isMerchantThresholdRequired() {
        return merchantThresholdRequired;
    }

    public void setMerchantThresholdRequired(boolean merchantThresholdRequired) {
        this.merchantThresholdRequired = merchantThresholdRequired;
    }

    public Integer getFreeTrialDays() {
        return freeTrialDays;
    }

    public void setFreeTrialDays(Integer freeTrialDays) {
        this.freeTrialDays = freeTrialDays;
    }

    public Integer getMaxOverdueOrders() {
        return maxOverdueOrders;
    }

    public void setMaxOverdueOrders(Integer maxOverdueOrders) {
        this.maxOverdueOrders = maxOverdueOrders;
    }

    /** What a refusal means in this scenario ({@code null}: the table says nothing; the decision says REFUSED). */
    public RefusalPath getWhenRefused() {
        return whenRefused;
    }

    public void setWhenRefused(RefusalPath whenRefused) {
        this.whenRefused = whenRefused;
    }
}
