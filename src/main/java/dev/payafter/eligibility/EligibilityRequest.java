package dev.payafter.eligibility;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;

/**
 * "May this consumer pay after use for this order?"
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
}
