package dev.payafter.eligibility;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;

/**
 * "May this consumer pay after use for this order?" Build one with {@link #builder(String, Scenario, BigDecimal)}:
 * <pre>{@code
 * EligibilityRequest request = EligibilityRequest.builder("o-1", Scenario.ORDER, new BigDecimal("199.00"))
 *         .productPayAfterUseEnabled(true)
 *         .consumer(consumer)
 *         .merchant(Merchant.enabled("m-1"))
 *         .build();
 * }</pre>
 *
 * @param orderId the order (or service session) being placed
 * @param scenario where pay-after-use is offered
 * @param amount the credit to reserve, in yuan: the order amount, the waived deposit, or the authorised
 *     maximum fee of a service charged at its actual fee; more than 0. Money everywhere in a request is yuan with
 *     at most 2 decimal places (trailing zeros aside), not negative, under 10^12 yuan and of at most 30 digits;
 *     its size is checked before any arithmetic, so a value like {@code 1E+999999999} is refused at once.
 *     Ids are at most 200 characters.
 * @param productPayAfterUseEnabled whether the product or service carries the merchant's pay-after-use mark
 * @param consumer who asks
 * @param merchant who sells
 */
public record EligibilityRequest(
        String orderId,
        Scenario scenario,
        BigDecimal amount,
        boolean productPayAfterUseEnabled,
        Consumer consumer,
        Merchant merchant) {

    public EligibilityRequest {
        Checks.id("EligibilityRequest.orderId", orderId);
        Checks.present("EligibilityRequest.scenario", scenario);
        amount = Checks.positiveMoney("EligibilityRequest.amount", amount);
        Checks.present("EligibilityRequest.consumer", consumer);
        Checks.present("EligibilityRequest.merchant", merchant);
    }

    /**
     * Starts a request with the fields every order has. The product's pay-after-use mark defaults to
     * {@code false} (not marked, so refused) until {@link Builder#productPayAfterUseEnabled} says otherwise; the
     * consumer and the merchant are required.
     */
    public static Builder builder(String orderId, Scenario scenario, BigDecimal amount) {
        return new Builder(orderId, scenario, amount);
    }

    /** Builds an {@link EligibilityRequest}; every check runs in {@link #build()}, as in the constructor. */
    public static final class Builder {
        private final String orderId;
        private final Scenario scenario;
        private final BigDecimal amount;
        private boolean productPayAfterUseEnabled;
        private Consumer consumer;
        private Merchant merchant;

        private Builder(String orderId, Scenario scenario, BigDecimal amount) {
            this.orderId = orderId;
            this.scenario = scenario;
            this.amount = amount;
        }

        /** Whether the product or service carries the merchant's pay-after-use mark (default {@code false}). */
        public Builder productPayAfterUseEnabled(boolean value) {
            this.productPayAfterUseEnabled = value;
            return this;
        }

        public Builder consumer(Consumer value) {
            this.consumer = value;
            return this;
        }

        public Builder merchant(Merchant value) {
            this.merchant = value;
            return this;
        }

        public EligibilityRequest build() {
            return new EligibilityRequest(orderId, scenario, amount, productPayAfterUseEnabled, consumer, merchant);
        }
    }
}
