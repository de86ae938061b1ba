package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A host's first decision in a fresh JVM: builds an engine on the bundled rules, decides one eligibility request,
 * prints {@code decided <ms>} (the time inside {@code main}) and exits. {@link BenchMain} starts it as a new process
 * and also times it from outside, process start to that line.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    static EligibilityDecision firstDecision() {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        return engine.decide(new EligibilityRequest("order-1", Scenario.ECOMMERCE_GOODS, new BigDecimal("199.00"), true,
                Consumer.inGoodStanding("alice", new BigDecimal("2000.00"), CreditScore.zhima(600)),
                Merchant.enabled("shop-1")));
    }

    /**
     * The first decision of each kind (eligibility, refund, deduction) on a new engine: each kind's KieBase is made
     * when its first decision needs it, so this is the start until every kind has decided once.
     */
    static Object firstDecisionOfEachKind() {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").build();
        EligibilityDecision eligibility = engine.decide(new EligibilityRequest("order-1", Scenario.ECOMMERCE_GOODS,
                new BigDecimal("199.00"), true,
                Consumer.inGoodStanding("alice", new BigDecimal("2000.00"), CreditScore.zhima(600)),
                Merchant.enabled("shop-1")));
        RefundDecision refund = engine.decide(new RefundRequest("order-2", Buyer.judgedByHost("alice", true),
                new BigDecimal("99.00"), ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false));
        Instant ordered = Instant.now().minus(Duration.ofDays(10));
        DeductionDecision deduction = engine.decide(DeductionRequest.builder("order-3", "alice", OrderKind.GOODS,
                new BigDecimal("199.00"), ordered).shippedAt(ordered.plus(Duration.ofDays(1)))
                .deliveredAt(ordered.plus(Duration.ofDays(2))).receiptConfirmedAt(ordered.plus(Duration.ofDays(3)))
                .build());
        if (!eligibility.eligible() || !refund.autoApproved() || deduction.outcome() != DeductionOutcome.CHARGE) {
            throw new IllegalStateException("unexpected " + eligibility + " / " + refund + " / " + deduction);
        }
        return deduction;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        EligibilityDecision decision = firstDecision();
        long elapsed = System.nanoTime() - started;
        if (!decision.eligible()) {
            throw new IllegalStateException("unexpected " + decision);
        }
        System.out.println("decided " + elapsed / 1_000_000.0);
    }
}
