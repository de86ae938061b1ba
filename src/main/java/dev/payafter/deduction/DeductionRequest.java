package dev.payafter.deduction;

import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "What should happen with this order's payment now?", asked at the engine clock's now. Build one with
 * {@link #builder(String, String, OrderKind, BigDecimal, Instant)}. Money is checked as
 * {@link dev.payafter.eligibility.EligibilityRequest} says; every time lies from 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z; at most 1,000 failed attempts.
 *
 * @param orderId the order
 * @param consumerId who pays
 * @param kind goods at an agreed amount, or a service at its actual fee
 * @param amount for goods, the agreed amount; for a service, the authorised maximum fee (yuan)
 * @param orderedAt when the order was placed
 * @param shippedAt when it shipped, or {@code null}
 * @param deliveredAt when it was delivered, or {@code null}
 * @param receiptConfirmedAt when the buyer confirmed receipt, or {@code null}
 * @param refundedBeforeShipment whether the order was refunded before it shipped
 * @param returnState where a return stands (goods only)
 * @param actualFee for a service, the actual fee once known (yuan), or {@code null}
 * @param failedAttempts when earlier deductions failed, oldest first
 * @param merchantSettlementAdvanced whether the platform has already advanced the merchant's settlement
 * @param advanceRecovered whether the platform has recovered that advance from the merchant again (after
 *     {@link DeductionAction#RECOVER_ADVANCE_FROM_MERCHANT}); needs {@code merchantSettlementAdvanced}
 * @param debtPaidAt when the consumer paid the debt left by failed deductions themselves (in the app, at a counter),
 *     or {@code null}; needs a failed attempt, and is not before the last one
 */
public record DeductionRequest(
        String orderId,
        String consumerId,
        OrderKind kind,
        BigDecimal amount,
        Instant orderedAt,
        Instant shippedAt,
        Instant deliveredAt,
        Instant receiptConfirmedAt,
        boolean refundedBeforeShipment,
        ReturnState returnState,
        BigDecimal actualFee,
        List<Instant> failedAttempts,
        boolean merchantSettlementAdvanced,
        boolean advanceRecovered,
        Instant debtPaidAt) {

    public DeductionRequest {
        Checks.id("DeductionRequest.orderId", orderId);
        Checks.id("DeductionRequest.consumerId", consumerId);
        Checks.present("DeductionRequest.kind", kind);
        amount = Checks.positiveMoney("DeductionRequest.amount", amount);
        Checks.present("DeductionRequest.orderedAt", orderedAt);
        Checks.time("DeductionRequest.orderedAt", orderedAt);
        Checks.time("DeductionRequest.shippedAt", shippedAt);
        Checks.time("DeductionRequest.deliveredAt", deliveredAt);
        Checks.time("DeductionRequest.receiptConfirmedAt", receiptConfirmedAt);
        Checks.notBefore("DeductionRequest.shippedAt", shippedAt, "orderedAt", orderedAt);
        Checks.notBefore("DeductionRequest.deliveredAt", deliveredAt, "orderedAt", orderedAt);
        Checks.notBefore("DeductionRequest.deliveredAt", deliveredAt, "shippedAt", shippedAt);
        Checks.notBefore("DeductionRequest.receiptConfirmedAt", receiptConfirmedAt, "orderedAt", orderedAt);
        Checks.notBefore("DeductionRequest.receiptConfirmedAt", receiptConfirmedAt, "deliveredAt", deliveredAt);
        Checks.present("DeductionRequest.returnState", returnState);
        actualFee = Checks.optionalMoney("DeductionRequest.actualFee", actualFee);
        Checks.atMost("DeductionRequest.failedAttempts", failedAttempts, Checks.MAX_FAILED_ATTEMPTS);
        Checks.noNulls("DeductionRequest.failedAttempts", failedAttempts);
        failedAttempts = List.copyOf(failedAttempts);
        for (int i = 0; i < failedAttempts.size(); i++) {
            Checks.time("DeductionRequest.failedAttempts[" + i + "]", failedAttempts.get(i));
        }

        if (refundedBeforeShipment && shippedAt != null) {
            throw new InvalidRequestException("DeductionRequest.refundedBeforeShipment", true,
                    "contradicts shippedAt " + shippedAt);
        }
        if (refundedBeforeShipment && deliveredAt != null) {
            throw new InvalidRequestException("DeductionRequest.refundedBeforeShipment", true,
                    "contradicts deliveredAt " + deliveredAt);
        }
        if (receiptConfirmedAt != null && deliveredAt == null) {
            throw new InvalidRequestException("DeductionRequest.deliveredAt", null,
                    "is required when receiptConfirmedAt is given (" + receiptConfirmedAt + ")");
        }
        if (kind == OrderKind.GOODS && actualFee != null) {
            throw new InvalidRequestException("DeductionRequest.actualFee", Checks.numberText(actualFee),
                    "is only for a SERVICE order (goods are charged their agreed amount)");
        }
        if (returnState != ReturnState.NONE) {
            if (kind != OrderKind.GOODS) {
                throw new InvalidRequestException("DeductionRequest.returnState", returnState,
                        "is only for GOODS orders");
            }
            if (deliveredAt == null) {
                throw new InvalidRequestException("DeductionRequest.returnState", returnState,
                        "needs deliveredAt (goods are returned after delivery)");
            }
        }
        Instant previous = orderedAt;
        for (int i = 0; i < failedAttempts.size(); i++) {
            Instant attempt = failedAttempts.get(i);
            if (attempt.isBefore(previous)) {
                throw new InvalidRequestException("DeductionRequest.failedAttempts[" + i + "]", attempt,
                        "is before " + (i == 0 ? "orderedAt " : "the attempt before it ") + previous);
            }
            previous = attempt;
        }
        Checks.time("DeductionRequest.debtPaidAt", debtPaidAt);
        if (advanceRecovered && !merchantSettlementAdvanced) {
            throw new InvalidRequestException("DeductionRequest.advanceRecovered", true,
                    "needs merchantSettlementAdvanced (only an advance can be recovered)");
        }
        if (debtPaidAt != null && failedAttempts.isEmpty()) {
            throw new InvalidRequestException("DeductionRequest.debtPaidAt", debtPaidAt,
                    "needs a failed attempt (a debt is left only by a failed deduction)");
        }
        if (debtPaidAt != null && debtPaidAt.isBefore(failedAttempts.get(failedAttempts.size() - 1))) {
            throw new InvalidRequestException("DeductionRequest.debtPaidAt", debtPaidAt,
                    "is before the last failed attempt " + failedAttempts.get(failedAttempts.size() - 1));
        }
        if (!failedAttempts.isEmpty() && refundedBeforeShipment) {
            throw new InvalidRequestException("DeductionRequest.failedAttempts", failedAttempts,
                    "contradicts refundedBeforeShipment (a refunded order is never charged)");
        }
        if (!failedAttempts.isEmpty() && kind == OrderKind.SERVICE && (actualFee == null || actualFee.signum() == 0)) {
            throw new InvalidRequestException("DeductionRequest.actualFee", actualFee,
                    "must be more than 0 once a deduction of a SERVICE order has been attempted");
        }
        if (!failedAttempts.isEmpty() && kind == OrderKind.GOODS) {
            if (deliveredAt == null) {
                throw new InvalidRequestException("DeductionRequest.failedAttempts", failedAttempts,
                        "needs deliveredAt: goods are never charged before delivery");
            }
            if (failedAttempts.get(0).isBefore(deliveredAt)) {
                throw new InvalidRequestException("DeductionRequest.failedAttempts[0]", failedAttempts.get(0),
                        "is before deliveredAt " + deliveredAt + ": goods are never charged before delivery");
            }
        }
    }

    /** A request without the fields added later: no advance recovered, no debt paid. */
    public DeductionRequest(String orderId, String consumerId, OrderKind kind, BigDecimal amount, Instant orderedAt,
            Instant shippedAt, Instant deliveredAt, Instant receiptConfirmedAt, boolean refundedBeforeShipment,
            ReturnState returnState, BigDecimal actualFee, List<Instant> failedAttempts,
            boolean merchantSettlementAdvanced) {
        this(orderId, consumerId, kind, amount, orderedAt, shippedAt, deliveredAt, receiptConfirmedAt,
                refundedBeforeShipment, returnState, actualFee, failedAttempts, merchantSettlementAdvanced, false, null);
    }

    /**
     * Starts a request with the fields every order has; the rest default to "not yet" ({@code null}, no return,
     * no failed attempt).
     */
    public static Builder builder(String orderId, String consumerId, OrderKind kind, BigDecimal amount,
            Instant orderedAt) {
        return new Builder(orderId, consumerId, kind, amount, orderedAt);
    }

    /** What is charged if the order is charged: the agreed amount for goods, the actual fee for a service. */
    public Optional<BigDecimal> chargeableAmount() {
        return kind == OrderKind.GOODS ? Optional.of(amount) : Optional.ofNullable(actualFee);
    }

    /** The most recent failed attempt, if any. */
    public Optional<Instant> lastFailedAttempt() {
        return failedAttempts.isEmpty() ? Optional.empty() : Optional.of(failedAttempts.get(failedAttempts.size() - 1));
    }

    /** Builds a {@link DeductionRequest}; every check runs in {@link #build()}. */
    public static final class Builder {
        private final String orderId;
        private final String consumerId;
        private final OrderKind kind;
        private final BigDecimal amount;
        private final Instant orderedAt;
        private Instant shippedAt;
        private Instant deliveredAt;
        private Instant receiptConfirmedAt;
        private boolean refundedBeforeShipment;
        private ReturnState returnState = ReturnState.NONE;
        private BigDecimal actualFee;
        private final List<Instant> failedAttempts = new ArrayList<>();
        private boolean merchantSettlementAdvanced;
        private boolean advanceRecovered;
        private Instant debtPaidAt;

        private Builder(String orderId, String consumerId, OrderKind kind, BigDecimal amount, Instant orderedAt) {
            this.orderId = orderId;
            this.consumerId = consumerId;
            this.kind = kind;
            this.amount = amount;
            this.orderedAt = orderedAt;
        }

        public Builder shippedAt(Instant value) {
            this.shippedAt = value;
            return this;
        }

        public Builder deliveredAt(Instant value) {
            this.deliveredAt = value;
            return this;
        }

        public Builder receiptConfirmedAt(Instant value) {
            this.receiptConfirmedAt = value;
            return this;
        }

        public Builder refundedBeforeShipment(boolean value) {
            this.refundedBeforeShipment = value;
            return this;
        }

        public Builder returnState(ReturnState value) {
            this.returnState = value;
            return this;
        }

        public Builder actualFee(BigDecimal value) {
            this.actualFee = value;
            return this;
        }

        /** Adds a failed deduction attempt; call once per failure, oldest first. */
        public Builder failedAttempt(Instant value) {
            this.failedAttempts.add(value);
            return this;
        }

        public Builder merchantSettlementAdvanced(boolean value) {
            this.merchantSettlementAdvanced = value;
            return this;
        }

        /** Whether the platform has recovered its advance from the merchant (default {@code false}). */
        public Builder advanceRecovered(boolean value) {
            this.advanceRecovered = value;
            return this;
        }

        /** When the consumer paid the debt left by failed deductions themselves (default: not paid). */
        public Builder debtPaidAt(Instant value) {
            this.debtPaidAt = value;
            return this;
        }

        public DeductionRequest build() {
            return new DeductionRequest(orderId, consumerId, kind, amount, orderedAt, shippedAt, deliveredAt,
                    receiptConfirmedAt, refundedBeforeShipment, returnState, actualFee, failedAttempts,
                    merchantSettlementAdvanced, advanceRecovered, debtPaidAt);
        }
    }
}
