package dev.payafter.examples;

import dev.payafter.PayAfterEngine;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * A refund desk: refund-only requests for unshipped orders are approved automatically when the Kuaishou
 * fast-refund conditions hold; every other request goes to the merchant with its reasons.
 */
public final class RefundDeskExample {
    private final PayAfterEngine engine;

    public RefundDeskExample(PayAfterEngine engine) {
        this.engine = engine.withProfile("kuaishou");
    }

    public static void main(String[] args) {
        new RefundDeskExample(PayAfterEngine.builder().profile("kuaishou").build()).run(System.out);
    }

    public void run(PrintStream out) {
        TradingHistory goodHistory = TradingHistory.builder()
                .completedOrders(42)
                .refundRatePercent(new BigDecimal("3.5"))
                .disputes(0)
                .build();
        List<RefundRequest> requests = List.of(
                RefundRequest.builder("order-2001", Buyer.withHistory("dana", goodHistory), new BigDecimal("299.99"))
                        .shipping(ShippingStatus.UNSHIPPED)
                        .category(CategoryType.PHYSICAL)
                        .build(),
                RefundRequest.builder("order-2002", Buyer.withHistory("dana", goodHistory), new BigDecimal("300.00"))
                        .shipping(ShippingStatus.UNSHIPPED)
                        .category(CategoryType.PHYSICAL)
                        .build(),
                RefundRequest.builder("order-2003", Buyer.judgedByHost("eve", true), new BigDecimal("59.00"))
                        .shipping(ShippingStatus.SHIPPED)
                        .category(CategoryType.VIRTUAL)
                        .build(),
                RefundRequest.builder("order-2004", Buyer.revokedForAbuse("mallory"), new BigDecimal("19.90"))
                        .shipping(ShippingStatus.UNSHIPPED)
                        .category(CategoryType.PHYSICAL)
                        .build());
        out.println("== refund desk: fast refund of unshipped orders (profile " + engine.profile() + ")");
        for (RefundRequest request : requests) {
            RefundDecision decision = engine.decide(request);
            if (decision.autoApproved()) {
                out.printf("%s paid %s: AUTO_APPROVED, notice: %s%n", request.orderId(),
                        request.paidAmount().toPlainString(), decision.notice().orElseThrow());
            } else {
                out.printf("%s paid %s: MANUAL_REVIEW, %s%n", request.orderId(), request.paidAmount().toPlainString(),
                        String.join(", ", decision.reasonCodes()));
            }
        }
    }
}
