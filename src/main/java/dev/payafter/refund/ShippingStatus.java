package dev.payafter.refund;

/** The order's shipping status as the merchant back office shows it. */
public enum ShippingStatus {
    /** No shipment recorded (note: a merchant who shipped without a tracking number still shows this). */
    UNSHIPPED,
    SHIPPED,
    DELIVERED
}
