package dev.payafter.refund;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.util.Optional;

/**
 * The buyer asking for a refund. Premium status (平台优质用户) comes either from the host ({@code premium}) or,
 * when the host leaves it {@code null}, from the rules' premium table applied to {@code tradingHistory}.
 * When the host gives both, its own {@code premium} flag decides.
 *
 * @param id the buyer's id
 * @param premium the host's own judgement, or {@code null} to let the rules derive it
 * @param tradingHistory the facts to derive it from, or {@code null} when the host gives {@code premium}
 * @param revokedForAbuse whether the platform revoked the buyer's fast refunds for abuse
 */
public record Buyer(String id, Boolean premium, TradingHistory tradingHistory, boolean revokedForAbuse) {

    public Buyer {
        Checks.id("Buyer.id", id);
        if (premium == null && tradingHistory == null) {
            throw new InvalidRequestException("Buyer.premium", null,
                    "is required when Buyer.tradingHistory is not given (one of the two must say whether the"
                            + " buyer is a premium user)");
        }
    }

    /** A buyer whose premium status the host has judged itself. */
    public static Buyer judgedByHost(String id, boolean premium) {
        return new Buyer(id, premium, null, false);
    }

    /** A buyer whose premium status the rules derive from trading history. */
    public static Buyer withHistory(String id, TradingHistory history) {
        return new Buyer(id, null, history, false);
    }

    /**
     * A buyer whose fast refunds the platform revoked for abuse: every refund request of theirs goes to manual
     * review. Not premium in the host's judgement.
     */
    public static Buyer revokedForAbuse(String id) {
        return new Buyer(id, false, null, true);
    }

    /** Starts a buyer: give {@link Builder#premium} or {@link Builder#tradingHistory} (or both). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Optional<Boolean> hostPremium() {
        return Optional.ofNullable(premium);
    }

    /** Builds a {@link Buyer}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private final String id;
        private Boolean premium;
        private TradingHistory tradingHistory;
        private boolean revokedForAbuse;

        private Builder(String id) {
            this.id = id;
        }

        /** The host's own judgement; when given, it decides over the trading history. */
        public Builder premium(boolean value) {
            this.premium = value;
            return this;
        }

        /** The facts the rules derive premium status from when the host does not judge it. */
        public Builder tradingHistory(TradingHistory value) {
            this.tradingHistory = value;
            return this;
        }

        /** Whether the platform revoked the buyer's fast refunds for abuse (default {@code false}). */
        public Builder revokedForAbuse(boolean value) {
            this.revokedForAbuse = value;
            return this;
        }

        public Buyer build() {
            return new Buyer(id, premium, tradingHistory, revokedForAbuse);
        }
    }
}
