package dev.payafter.eligibility;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the host knows about the consumer asking to pay after use. Build one with {@link #builder(String)}, or
 * {@link #inGoodStanding} for the common case:
 * <pre>{@code
 * Consumer consumer = Consumer.builder("c-1")
 *         .creditScore(CreditScore.zhima(720))
 *         .riskAssessment(RiskAssessment.PASSED)
 *         .overdueUnpaidOrders(1)
 *         .availableCredit(new BigDecimal("500.00"))
 *         .build();
 * }</pre>
 *
 * @param id the consumer's id in the host's system
 * @param creditScores the scores the host has, at most one per provider; may be empty (then the consumer is
 *     refused: no score, no pay-after-use)
 * @param riskAssessment the platform's own risk assessment
 * @param revokedForAbuse whether the platform has revoked pay-after-use for this consumer for abuse
 * @param overdueUnpaidOrders how many of the consumer's pay-after-use orders are overdue and unpaid
 * @param availableCredit the pay-after-use credit the consumer has left, in yuan, to freeze for this order
 */
public record Consumer(
        String id,
        List<CreditScore> creditScores,
        RiskAssessment riskAssessment,
        boolean revokedForAbuse,
        int overdueUnpaidOrders,
        BigDecimal availableCredit) {

    public Consumer {
        Checks.id("Consumer.id", id);
        Checks.noNulls("Consumer.creditScores", creditScores);
        creditScores = List.copyOf(creditScores);
        Set<ScoreProvider> seen = EnumSet.noneOf(ScoreProvider.class);
        for (CreditScore score : creditScores) {
            if (!seen.add(score.provider())) {
                throw new InvalidRequestException("Consumer.creditScores",
                        creditScores.stream().map(s -> s.provider() + " " + s.value()).toList(),
                        "has more than one " + score.provider() + " score");
            }
        }
        Checks.present("Consumer.riskAssessment", riskAssessment);
        Checks.notNegative("Consumer.overdueUnpaidOrders", overdueUnpaidOrders);
        availableCredit = Checks.money("Consumer.availableCredit", availableCredit);
    }

    /** A consumer in good standing: assessed and passed, not revoked, nothing overdue. */
    public static Consumer inGoodStanding(String id, BigDecimal availableCredit, CreditScore... scores) {
        return new Consumer(id, List.of(scores), RiskAssessment.PASSED, false, 0, availableCredit);
    }

    /**
     * The value of this consumer's score from {@code provider}, or {@code null} when the host has none (or
     * {@code provider} is {@code null}). Rules read it as {@code consumer.score(policy.scoreProvider)}.
     */
    public Integer score(ScoreProvider provider) {
        for (int i = 0, n = creditScores.size(); i < n; i++) {
            CreditScore score = creditScores.get(i);
            if (score.provider() == provider) {
                return score.value();
            }
        }
        return null;
    }

    /** This consumer's score from {@code provider}, if the host has one. */
    public Optional<CreditScore> scoreFrom(ScoreProvider provider) {
        return creditScores.stream().filter(s -> s.provider() == provider).findFirst();
    }

    /**
     * Starts a consumer. Defaults: no score (refused: no score, no pay-after-use), not revoked, nothing overdue;
     * the risk assessment and the available credit are required.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Consumer}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private final String id;
        private final List<CreditScore> creditScores = new ArrayList<>();
        private RiskAssessment riskAssessment;
        private boolean revokedForAbuse;
        private int overdueUnpaidOrders;
        private BigDecimal availableCredit;

        private Builder(String id) {
            this.id = id;
        }

        /** Adds one score; at most one per provider. */
        public Builder creditScore(CreditScore value) {
            this.creditScores.add(value);
            return this;
        }

        /** Adds every score of {@code values}. */
        public Builder creditScores(List<CreditScore> values) {
            Checks.noNulls("Consumer.creditScores", values);
            this.creditScores.addAll(values);
            return this;
        }

        public Builder riskAssessment(RiskAssessment value) {
            this.riskAssessment = value;
            return this;
        }

        /** Whether the platform revoked pay-after-use for this consumer for abuse (default {@code false}). */
        public Builder revokedForAbuse(boolean value) {
            this.revokedForAbuse = value;
            return this;
        }

        /** How many pay-after-use orders are overdue and unpaid (default 0). */
        public Builder overdueUnpaidOrders(int value) {
            this.overdueUnpaidOrders = value;
            return this;
        }

        /** The credit left to freeze for this order, in yuan. */
        public Builder availableCredit(BigDecimal value) {
            this.availableCredit = value;
            return this;
        }

        public Consumer build() {
            return new Consumer(id, creditScores, riskAssessment, revokedForAbuse, overdueUnpaidOrders,
                    availableCredit);
        }
    }
}
