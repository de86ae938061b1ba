package dev.payafter.eligibility;

/**
 * A credit score provider, with the range its scores fall in. A score outside the range is refused as an
 * invalid request, never judged. Thresholds are per provider (set in the rules, never here).
 */
public enum ScoreProvider {
    /** Zhima (Sesame) Credit, 芝麻信用, Ant Group: 350 to 950. */
    ZHIMA(350, 950),
    /** WeChat Pay Score, 微信支付分: 300 to 850. */
    WECHAT_PAY_SCORE(300, 850),
    /**
     * JD Xiaobai credit, 小白信用. JD publishes no fixed range; the public pay-later rule is "300 or more",
     * so 0 to 1000 is accepted.
     */
    JD_XIAOBAI(0, 1000);

    private final int minimum;
    private final int maximum;

    ScoreProvider(int minimum, int maximum) {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /** The lowest score this provider gives. */
    public int minimum() {
        return minimum;
    }

    /** The highest score this provider gives. */
    public int maximum() {
        return maximum;
    }

    /** Whether {@code score} is a score this provider can give. */
    public boolean accepts(int score) {
        return score >= minimum && score <= maximum;
    }
}
