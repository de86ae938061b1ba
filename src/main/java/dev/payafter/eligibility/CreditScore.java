package dev.payafter.eligibility;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;

/**
 * One consumer's score from one provider.
 *
 * @param provider who scored the consumer
 * @param value the score, within the provider's range
 */
public record CreditScore(ScoreProvider provider, int value) {

    public CreditScore {
        Checks.present("CreditScore.provider", provider);
        if (!provider.accepts(value)) {
            throw new InvalidRequestException("CreditScore.value", value,
                    "is outside " + provider + "'s range " + provider.minimum() + ".." + provider.maximum());
        }
    }

    /** A score from {@code provider}; the same as the constructor, for call sites that read as a sentence. */
    public static CreditScore of(ScoreProvider provider, int value) {
        return new CreditScore(provider, value);
    }

    public static CreditScore zhima(int value) {
        return new CreditScore(ScoreProvider.ZHIMA, value);
    }

    public static CreditScore wechatPayScore(int value) {
        return new CreditScore(ScoreProvider.WECHAT_PAY_SCORE, value);
    }

    public static CreditScore jdXiaobai(int value) {
        return new CreditScore(ScoreProvider.JD_XIAOBAI, value);
    }
}
