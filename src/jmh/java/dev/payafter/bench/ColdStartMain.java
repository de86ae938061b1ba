package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import java.math.BigDecimal;

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
