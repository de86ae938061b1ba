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
        TradingHistory goodHistory = new TradingHistory(42, new BigDecimal("3.5"), 0);
        List<RefundRequest> requests = List.of(
                new RefundRequest("order-2001", Buyer.withHistory("dana", goodHistory), new BigDecimal("299.99"),
                        ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false),
                new RefundRequest("order-2002", Buyer.withHistory("dana", goodHistory), new BigDecimal("300.00"),
                        ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false),
                new RefundRequest("order-2003", Buyer.judgedByHost("eve", true), new BigDecimal("59.00"),
                        ShippingStatus.SHIPPED, CategoryType.VIRTUAL, false));
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
