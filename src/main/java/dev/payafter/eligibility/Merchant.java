package dev.payafter.eligibility;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.util.Optional;

/**
 * The merchant's pay-after-use settings.
 *
 * @param id the merchant's id
 * @param payAfterUseEnabled whether the merchant has switched pay-after-use on
 * @param minimumScore the merchant's own minimum score on the profile's score provider, or {@code null} when the
 *     merchant has set none. A merchant can only be stricter than the platform: the higher minimum applies.
 */
public record Merchant(String id, boolean payAfterUseEnabled, Integer minimumScore) {

    public Merchant {
        Checks.id("Merchant.id", id);
        if (minimumScore != null && (minimumScore < 0 || minimumScore > 1000)) {
            throw new InvalidRequestException("Merchant.minimumScore", minimumScore, "is outside 0..1000");
        }
    }

    /** A merchant with pay-after-use on and no threshold of its own. */
    public static Merchant enabled(String id) {
        return new Merchant(id, true, null);
    }

    /** A merchant with pay-after-use on and its own minimum score. */
    public static Merchant enabledWithMinimum(String id, int minimumScore) {
        return new Merchant(id, true, minimumScore);
    }

    /** A merchant that has not switched pay-after-use on (every request to it is refused). */
    public static Merchant disabled(String id) {
        return new Merchant(id, false, null);
    }

    /** Starts a merchant: pay-after-use off and no threshold of its own until said otherwise. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The merchant's own minimum, if it set one. */
    public Optional<Integer> ownMinimumScore() {
        return Optional.ofNullable(minimumScore);
    }

    /** Builds a {@link Merchant}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private final String id;
        private boolean payAfterUseEnabled;
        private Integer minimumScore;

        private Builder(String id) {
            this.id = id;
        }

        /** Whether the merchant has switched pay-after-use on (default {@code false}). */
        public Builder payAfterUseEnabled(boolean value) {
            this.payAfterUseEnabled = value;
            return this;
        }

        /** The merchant's own minimum score, 0 to 1000; {@code null} (the default) for none. */
        public Builder minimumScore(Integer value) {
            this.minimumScore = value;
            return this;
        }

        public Merchant build() {
            return new Merchant(id, payAfterUseEnabled, minimumScore);
        }
    }
}
