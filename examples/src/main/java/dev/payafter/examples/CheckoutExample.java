package dev.payafter.examples;

import dev.payafter.PayAfterEngine;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * A checkout page that asks, for each order, whether the consumer may pay after use (Kuaishou: Zhima 550, 0-yuan
 * order) and shows either "pay after use" with the credit to freeze, or the reasons it is not offered.
 */
public final class CheckoutExample {
    private final PayAfterEngine engine;

    public CheckoutExample(PayAfterEngine engine) {
        this.engine = engine.withProfile("kuaishou");
    }

    public static void main(String[] args) {
        new CheckoutExample(PayAfterEngine.builder().profile("kuaishou").build()).run(System.out);
    }

    public void run(PrintStream out) {
        Merchant shop = Merchant.enabled("shop-88");
        List<EligibilityRequest> checkouts = List.of(
                EligibilityRequest.builder("order-1001", Scenario.ECOMMERCE_GOODS, new BigDecimal("199.00"))
                        .productPayAfterUseEnabled(true)
                        .consumer(Consumer.inGoodStanding("alice", new BigDecimal("2000.00"), CreditScore.zhima(550)))
                        .merchant(shop)
                        .build(),
                EligibilityRequest.builder("order-1002", Scenario.ECOMMERCE_GOODS, new BigDecimal("199.00"))
                        .productPayAfterUseEnabled(true)
                        .consumer(Consumer.inGoodStanding("bob", new BigDecimal("2000.00"), CreditScore.zhima(549)))
                        .merchant(shop)
                        .build(),
                EligibilityRequest.builder("order-1003", Scenario.ECOMMERCE_GOODS, new BigDecimal("899.00"))
                        .productPayAfterUseEnabled(true)
                        .consumer(Consumer.builder("carol")
                                .creditScore(CreditScore.zhima(700))
                                .riskAssessment(RiskAssessment.PASSED)
                                .overdueUnpaidOrders(1)
                                .availableCredit(new BigDecimal("500.00"))
                                .build())
                        .merchant(shop)
                        .build());
        out.println("== checkout: may the consumer pay after use? (profile " + engine.profile() + ")");
        for (EligibilityRequest request : checkouts) {
            EligibilityDecision decision = engine.decide(request);
            if (decision.eligible()) {
                out.printf("%s %s: ELIGIBLE, order for 0 yuan now, freeze %s yuan%n", request.orderId(),
                        request.consumer().id(), decision.creditToFreeze().orElseThrow().toPlainString());
            } else {
                out.printf("%s %s: INELIGIBLE, pay now: %s%n", request.orderId(), request.consumer().id(),
                        String.join("; ", decision.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList()));
            }
        }
    }
}
