package dev.payafter.eligibility;

/** Where pay-after-use is being offered. A profile offers some scenarios and not others. */
public enum Scenario {
    /** E-commerce goods: a 0-yuan order, paid after receipt (or at the end of a free trial). */
    ECOMMERCE_GOODS,
    /** Deposit-free rental: power banks, rental goods, hotels, scenic spots. */
    DEPOSIT_FREE_RENTAL,
    /** Ship first, pay later (先寄后付): the actual fee is charged after the courier weighs the parcel. */
    SHIP_FIRST_PAY_LATER,
    /** Park first, pay later: the actual fee is charged after leaving. */
    PARK_FIRST_PAY_LATER,
    /** Staged payment (分段付) for services such as yoga, beauty salons, pet grooming: paid per stage delivered. */
    STAGED_SERVICE_PAYMENT,
    /** Telecom service that is not cut off on arrears. */
    TELECOM
}
