package dev.payafter.eligibility;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the host knows about the consumer asking to pay after use.
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
}
