package dev.payafter.bench.peers;

import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.mvel2.ParserContext;

/**
 * Fast refund on Easy Rules 4.1: the twelve rules of {@code fast-refund.drl} and {@code premium-buyer.drl}, one MVEL
 * rule each (condition and action compiled once), fired by the default engine over every rule (no rule skips
 * another). Facts: {@code policy}, {@code request}, {@code buyer} and {@code findings}; the trading history is reached
 * through the buyer. The explanation is the reason codes the actions add to the findings.
 */
public final class EasyRulesRefund implements RefundPeer {
    private static final String OFFERED = "policy.maxPaidAmount() != null";
    private static final String JUDGED_BY_HISTORY = "buyer.premium() == null";

    private final Rules rules = new Rules();
    private final RulesEngine engine = new DefaultRulesEngine();

    public EasyRulesRefund() {
        ParserContext imports = new ParserContext();
        imports.addImport(ShippingStatus.class);
        rule(imports, 1, "Profile offers fast refund", OFFERED, "findings.approve('FAST_REFUND_APPROVED')");
        rule(imports, 2, "Profile does not offer fast refund", "policy.maxPaidAmount() == null",
                "findings.fail('FAST_REFUND_NOT_OFFERED')");
        rule(imports, 3, "Paid amount not under the fast-refund limit",
                OFFERED + " && request.paidAmount().compareTo(policy.maxPaidAmount()) >= 0",
                "findings.fail('PAID_AMOUNT_NOT_UNDER_LIMIT')");
        rule(imports, 4, "Order already shipped", OFFERED + " && request.shipping() != ShippingStatus.UNSHIPPED",
                "findings.fail('ORDER_SHIPPED')");
        rule(imports, 5, "Category excluded from fast refund", OFFERED + " && policy.excludes(request.category())",
                "findings.fail('CATEGORY_EXCLUDED')");
        rule(imports, 6, "Store excluded by the platform", OFFERED + " && request.storeExcluded()",
                "findings.fail('STORE_EXCLUDED')");
        rule(imports, 7, "Buyer revoked for abuse", OFFERED + " && buyer.revokedForAbuse()",
                "findings.fail('BUYER_REVOKED')");
        rule(imports, 8, "Host says the buyer is not a premium user",
                OFFERED + " && buyer.premium() == false", "findings.fail('NOT_PREMIUM_BUYER')");
        rule(imports, 9, "Too few completed orders for a premium user", "policy.premiumMinCompletedOrders() != null && "
                + JUDGED_BY_HISTORY + " && buyer.tradingHistory().completedOrders() < policy.premiumMinCompletedOrders()",
                "findings.fail('PREMIUM_TOO_FEW_ORDERS')");
        rule(imports, 10, "Refund rate too high for a premium user", "policy.premiumMaxRefundRatePercent() != null && "
                + JUDGED_BY_HISTORY + " && buyer.tradingHistory().refundRatePercent()"
                + ".compareTo(policy.premiumMaxRefundRatePercent()) > 0", "findings.fail('PREMIUM_REFUND_RATE_TOO_HIGH')");
        rule(imports, 11, "Too many disputes for a premium user", "policy.premiumMaxDisputes() != null && "
                + JUDGED_BY_HISTORY + " && buyer.tradingHistory().disputes() > policy.premiumMaxDisputes()",
                "findings.fail('PREMIUM_TOO_MANY_DISPUTES')");
        rule(imports, 12, "Premium status cannot be judged",
                OFFERED + " && !policy.hasPremiumCriteria() && " + JUDGED_BY_HISTORY, "findings.fail('PREMIUM_UNKNOWN')");
    }

    private void rule(ParserContext imports, int priority, String name, String when, String then) {
        rules.register(new MVELRule(imports).name(name).priority(priority).when(when).then(then));
    }

    @Override
    public PeerDecision decide(PeerPolicy policy, RefundRequest request) {
        Findings findings = new Findings();
        Facts facts = new Facts();
        facts.put("policy", policy);
        facts.put("request", request);
        facts.put("buyer", request.buyer());
        facts.put("findings", findings);
        engine.fire(rules, facts);
        return findings.decision();
    }
}
