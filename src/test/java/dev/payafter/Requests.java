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
        return EligibilityRequest.builder("order-z" + score, Scenario.ECOMMERCE_GOODS, new BigDecimal(amount))
                .productPayAfterUseEnabled(true)
                .consumer(Consumer.inGoodStanding("consumer-1", new BigDecimal("5000.00"), CreditScore.zhima(score)))
                .merchant(Merchant.enabled("merchant-1"))
                .build();
    }

    public static RefundRequest refund(String paid) {
        return RefundRequest.builder("order-r" + paid, Buyer.judgedByHost("buyer-1", true), new BigDecimal(paid))
                .shipping(ShippingStatus.UNSHIPPED)
                .category(CategoryType.PHYSICAL)
                .build();
    }

    /** The same request under another order id. */
    public static EligibilityRequest withOrderId(EligibilityRequest r, String orderId) {
        return new EligibilityRequest(orderId, r.scenario(), r.amount(), r.productPayAfterUseEnabled(), r.consumer(),
                r.merchant());
    }

    /** The same request under another order id. */
    public static RefundRequest withOrderId(RefundRequest r, String orderId) {
        return new RefundRequest(orderId, r.buyer(), r.paidAmount(), r.shipping(), r.category(), r.storeExcluded());
    }
}
