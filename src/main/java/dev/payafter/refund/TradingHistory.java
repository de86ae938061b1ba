package dev.payafter.refund;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;

/**
 * The buyer's trading history, from which the rules derive "platform premium user" when the host does not say.
 *
 * @param completedOrders orders completed on the platform
 * @param refundRatePercent refunded orders as a percentage of orders, 0 to 100, with at most 6 decimal places
 *     (trailing zeros aside) and 30 digits
 * @param disputes disputes the buyer opened
 */
public record TradingHistory(int completedOrders, BigDecimal refundRatePercent, int disputes) {

    public TradingHistory {
        Checks.notNegative("TradingHistory.completedOrders", completedOrders);
        Checks.percent("TradingHistory.refundRatePercent", refundRatePercent);
        Checks.notNegative("TradingHistory.disputes", disputes);
    }

    /** Starts a history: no orders, no disputes; the refund rate is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TradingHistory}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private int completedOrders;
        private BigDecimal refundRatePercent;
        private int disputes;

        private Builder() {
        }

        public Builder completedOrders(int value) {
            this.completedOrders = value;
            return this;
        }

        /** Refunded orders as a percentage of orders, 0 to 100. */
        public Builder refundRatePercent(BigDecimal value) {
            this.refundRatePercent = value;
            return this;
        }

        public Builder disputes(int value) {
            this.disputes = value;
            return this;
        }

        public TradingHistory build() {
            return new TradingHistory(completedOrders, refundRatePercent, disputes);
        }
    }
}
