package dev.payafter.refund;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;

/**
 * "May this refund-only request pass automatically?"
 *
 * @param orderId the order to refund
 * @param buyer who asks
 * @param paidAmount what the buyer actually paid for the order, in yuan
 * @param shipping the order's shipping status in the merchant back office
 * @param category the kind of product category
 * @param storeExcluded whether the platform has excluded this store from fast refund (store service quality,
 *     fulfilment record, industry); merchants cannot switch fast refund on or off themselves
 */
public record RefundRequest(
        String orderId,
        Buyer buyer,
        BigDecimal paidAmount,
        ShippingStatus shipping,
        CategoryType category,
        boolean storeExcluded) {

    public RefundRequest {
        Checks.id("RefundRequest.orderId", orderId);
        Checks.present("RefundRequest.buyer", buyer);
        paidAmount = Checks.money("RefundRequest.paidAmount", paidAmount);
        Checks.present("RefundRequest.shipping", shipping);
        Checks.present("RefundRequest.category", category);
    }
}
