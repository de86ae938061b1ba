package dev.payafter;

import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import java.math.BigDecimal;

/** Typical requests for tests. */
public final class Requests {
    private Requests() {
    }

    public static EligibilityRequest zhima(int score, String amount) {
        return new EligibilityRequest("order-z" + score, Scenario.ECOMMERCE_GOODS, new BigDecimal(amount), true,
                Consumer.inGoodStanding("consumer-1", new BigDecimal("5000.00"), CreditScore.zhima(score)),
                Merchant.enabled("merchant-1"));
    }

    public static RefundRequest refund(String paid) {
        return new RefundRequest("order-r" + paid, Buyer.judgedByHost("buyer-1", true), new BigDecimal(paid),
                ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false);
    }
}
