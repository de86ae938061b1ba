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
    REVOKE_ELIGIBILITY,
    /**
     * Recover from the merchant the settlement the platform advanced, since the order is not charged after all (the
     * goods came back intact). Once recovered ({@code DeductionRequest.advanceRecovered}) nobody bears a loss.
     */
    RECOVER_ADVANCE_FROM_MERCHANT,
    /** Clear the overdue mark: the consumer has paid the overdue debt. */
    CLEAR_OVERDUE,
    /**
     * Restore the consumer's pay-after-use eligibility revoked when the debt became overdue (where the deduction
     * policy says so for a debt paid late).
     */
    RESTORE_ELIGIBILITY
}
