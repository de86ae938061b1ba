package dev.payafter.facts;

/** What makes an order chargeable under a profile's deduction policy. */
public enum DeductionTrigger {
    /** Goods: on the buyer's confirmation of receipt, or on auto-confirmation some days after delivery. */
    ON_RECEIPT,
    /** Goods: at the end of the free trial that starts at delivery, unless returned. */
    AT_TRIAL_END,
    /** Services: at the actual fee once known, up to the authorised maximum. */
    AT_ACTUAL_FEE
}
