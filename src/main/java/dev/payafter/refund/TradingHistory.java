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
}
