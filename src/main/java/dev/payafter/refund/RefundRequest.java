package dev.payafter.refund;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;

/**
 * "May this refund-only request pass automatically?" Build one with
 * {@link #builder(String, Buyer, BigDecimal)}:
 * <pre>{@code
 * RefundRequest request = RefundRequest.builder("o-2", Buyer.judgedByHost("b-1", true), new BigDecimal("39.90"))
 *         .shipping(ShippingStatus.NOT_SHIPPED)
 *         .category(CategoryType.ORDINARY)
 *         .build();
 * }</pre>
 *
 * @param orderId the order to refund
 * @param buyer who asks
 * @param paidAmount what the buyer actually paid for the order, in yuan
 * @param shipping the order's shipping status in the merchant back office
 * @param category the kind of product category
 * @param storeExcluded whether the platform has excluded this store from fast refund (store service quality,
 *     fulfilment record, industry); merchants cannot switch fast refund on or off themselves
 * @param listPrice the order's list price before discounts (yuan), or {@code null}: for the record only, since the
 *     rules decide on the amount actually paid (实付金额)
 */
public record RefundRequest(
        String orderId,
        Buyer buyer,
        BigDecimal paidAmount,
        ShippingStatus shipping,
        CategoryType category,
        boolean storeExcluded,
        BigDecimal listPrice) {

    public RefundRequest {
        Checks.id("RefundRequest.orderId", orderId);
        Checks.present("RefundRequest.buyer", buyer);
        paidAmount = Checks.money("RefundRequest.paidAmount", paidAmount);
        Checks.present("RefundRequest.shipping", shipping);
        Checks.present("RefundRequest.category", category);
        listPrice = Checks.optionalMoney("RefundRequest.listPrice", listPrice);
    }

    /** A request without a list price (as before it existed). */
    public RefundRequest(String orderId, Buyer buyer, BigDecimal paidAmount, ShippingStatus shipping,
            CategoryType category, boolean storeExcluded) {
        this(orderId, buyer, paidAmount, shipping, category, storeExcluded, null);
    }

    /**
     * Starts a request; the shipping status and the category are required, the store is not excluded unless
     * {@link Builder#storeExcluded} says so.
     */
    public static Builder builder(String orderId, Buyer buyer, BigDecimal paidAmount) {
        return new Builder(orderId, buyer, paidAmount);
    }

    /** Builds a {@link RefundRequest}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private final String orderId;
        private final Buyer buyer;
        private final BigDecimal paidAmount;
        private ShippingStatus shipping;
        private CategoryType category;
        private boolean storeExcluded;
        private BigDecimal listPrice;

        private Builder(String orderId, Buyer buyer, BigDecimal paidAmount) {
            this.orderId = orderId;
            this.buyer = buyer;
            this.paidAmount = paidAmount;
        }

        public Builder shipping(ShippingStatus value) {
            this.shipping = value;
            return this;
        }

        public Builder category(CategoryType value) {
            this.category = value;
            return this;
        }

        /** Whether the platform has excluded this store from fast refund (default {@code false}). */
        public Builder storeExcluded(boolean value) {
            this.storeExcluded = value;
            return this;
        }

        /**
         * The order's list price before discounts (yuan, at most 2 decimals, not negative; default: not given). The
         * rules decide on the paid amount: a 350.00 item paid 280.00 is under a 300 limit.
         */
        public Builder listPrice(BigDecimal value) {
            this.listPrice = value;
            return this;
        }

        public RefundRequest build() {
            return new RefundRequest(orderId, buyer, paidAmount, shipping, category, storeExcluded, listPrice);
        }
    }
}
