package dev.payafter.deduction;

/** One thing the host must do to carry out a deduction decision. */
public enum DeductionAction {
    /** Deduct the charge amount from the consumer's account (first attempt). */
    DEDUCT,
    /** Deduct the charge amount again after a failure. */
    RETRY_DEDUCTION,
    /** Tell the consumer a payment is due or failed. */
    REMIND_CONSUMER,
    /** Pay the merchant's settlement from the platform now; the platform carries the debt. */
    ADVANCE_MERCHANT_SETTLEMENT,
    /** Release the credit frozen for this order. */
    RELEASE_FROZEN_CREDIT,
    /** Refuse the damaged returned parcel (photograph it, reject it). */
    REFUSE_RETURNED_PARCEL,
    /** Mark the debt overdue. */
    MARK_OVERDUE,
    /** Report the overdue debt (to the score provider, as the platform's agreement says). */
    REPORT_OVERDUE,
    /** Revoke the consumer's pay-after-use eligibility. */
    REVOKE_ELIGIBILITY
}
