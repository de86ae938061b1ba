package dev.payafter.scenarios;

import dev.payafter.PayAfterEngine;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.ReturnState;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one decision kind's scenario rows become requests and how their decisions are checked. The columns and
 * their defaults are documented in {@code rules/README.md}.
 */
enum ScenarioKind {
    ELIGIBILITY("eligibility", Set.of("scenario", "amount", "product_enabled", "merchant_enabled",
            "merchant_minimum", "zhima", "wechat_pay_score", "jd_xiaobai", "risk_assessment", "revoked",
            "overdue_orders", "available_credit", "expected_credit_to_freeze", "expected_trial_days")) {
        @Override
        List<String> run(PayAfterEngine engine, Row row, Expectations expect) {
            List<CreditScore> scores = new ArrayList<>();
            addScore(scores, row, "zhima", ScoreProvider.ZHIMA);
            addScore(scores, row, "wechat_pay_score", ScoreProvider.WECHAT_PAY_SCORE);
            addScore(scores, row, "jd_xiaobai", ScoreProvider.JD_XIAOBAI);
            Consumer consumer = new Consumer("consumer-" + row.line(), scores,
                    row.enumValue("risk_assessment", RiskAssessment.class, RiskAssessment.PASSED),
                    row.bool("revoked", false), row.integer("overdue_orders", 0),
                    row.money("available_credit", "5000.00"));
            Merchant merchant = new Merchant("merchant-" + row.line(), row.bool("merchant_enabled", true),
                    row.integer("merchant_minimum", null));
            EligibilityRequest request = new EligibilityRequest("order-" + row.line(),
                    row.enumValue("scenario", Scenario.class, Scenario.ECOMMERCE_GOODS), row.money("amount", "100.00"),
                    row.bool("product_enabled", true), consumer, merchant);
            EligibilityDecision decision = engine.decide(request);
            expectOutcome(row, expect, decision.outcome().name(), decision.reasons());
            if (row.has("expected_credit_to_freeze")) {
                expect.same("credit to freeze", money(row.money("expected_credit_to_freeze", null)),
                        decision.creditToFreeze().map(ScenarioKind::money).orElse(null));
            }
            if (row.has("expected_trial_days")) {
                expect.same("free trial days", row.integer("expected_trial_days", null),
                        decision.freeTrialDays().orElse(null));
            }
            return decision.trace().firedRules();
        }
    },

    REFUND("refund", Set.of("premium", "completed_orders", "refund_rate_percent", "disputes", "paid_amount",
            "shipping", "category", "store_excluded", "buyer_revoked", "expected_notice")) {
        @Override
        List<String> run(PayAfterEngine engine, Row row, Expectations expect) {
            boolean hasHistory = !row.blank("completed_orders") || !row.blank("refund_rate_percent")
                    || !row.blank("disputes");
            TradingHistory history = hasHistory ? new TradingHistory(row.integer("completed_orders", 0),
                    row.money("refund_rate_percent", "0"), row.integer("disputes", 0)) : null;
            Buyer buyer = new Buyer("buyer-" + row.line(), row.optionalBool("premium"), history,
                    row.bool("buyer_revoked", false));
            RefundRequest request = new RefundRequest("order-" + row.line(), buyer, row.money("paid_amount", "100.00"),
                    row.enumValue("shipping", ShippingStatus.class, ShippingStatus.UNSHIPPED),
                    row.enumValue("category", CategoryType.class, CategoryType.PHYSICAL),
                    row.bool("store_excluded", false));
            RefundDecision decision = engine.decide(request);
            expectOutcome(row, expect, decision.outcome().name(), decision.reasons());
            if (row.has("expected_notice")) {
                expect.same("notice", row.blank("expected_notice") ? null : row.text("expected_notice"),
                        decision.notice().orElse(null));
            }
            return decision.trace().firedRules();
        }
    },

    DEDUCTION("deduction", Set.of("now", "kind", "amount", "ordered_at", "shipped_at", "delivered_at",
            "receipt_confirmed_at", "refunded_before_shipment", "return_state", "actual_fee", "failed_attempts",
            "settlement_advanced", "expected_actions", "expected_charge", "expected_next_check",
            "expected_loss_bearer")) {
        @Override
        List<String> run(PayAfterEngine engine, Row row, Expectations expect) {
            Instant now = row.instant("now");
            if (now == null) {
                throw row.error("now", "", "is required: the engine clock's now for this scenario");
            }
            DeductionRequest.Builder builder = DeductionRequest.builder("order-" + row.line(), "consumer-" + row.line(),
                    row.enumValue("kind", OrderKind.class, OrderKind.GOODS), row.money("amount", "100.00"),
                    row.instant("ordered_at"))
                    .shippedAt(row.instant("shipped_at"))
                    .deliveredAt(row.instant("delivered_at"))
                    .receiptConfirmedAt(row.instant("receipt_confirmed_at"))
                    .refundedBeforeShipment(row.bool("refunded_before_shipment", false))
                    .returnState(row.enumValue("return_state", ReturnState.class, ReturnState.NONE))
                    .actualFee(row.money("actual_fee", null))
                    .merchantSettlementAdvanced(row.bool("settlement_advanced", false));
            row.instants("failed_attempts").forEach(builder::failedAttempt);
            DeductionDecision decision = engine.withClock(Clock.fixed(now, ZoneOffset.UTC)).decide(builder.build());
            expectOutcome(row, expect, decision.outcome().name(), decision.reasons());
            if (row.has("expected_actions")) {
                expect.sameSet("actions", row.set("expected_actions"),
                        decision.actions().stream().map(DeductionAction::name).toList());
            }
            if (row.has("expected_charge")) {
                expect.same("charge", money(row.money("expected_charge", null)),
                        decision.chargeAmount().map(ScenarioKind::money).orElse(null));
            }
            if (row.has("expected_next_check")) {
                expect.same("next check", row.instant("expected_next_check"), decision.nextCheckAt().orElse(null));
            }
            if (row.has("expected_loss_bearer")) {
                expect.same("loss bearer", row.enumValue("expected_loss_bearer", LossBearer.class, LossBearer.NONE),
                        decision.lossBearer());
            }
            return decision.trace().firedRules();
        }
    };

    /** Columns every scenario table has. */
    static final Set<String> COMMON = Set.of("name", "expected_outcome", "expected_reasons");

    /** The outcome a row expects when its request must be refused as invalid; expected_reasons names the field. */
    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final String folder;
    private final Set<String> columns;

    ScenarioKind(String folder, Set<String> columns) {
        this.folder = folder;
        this.columns = columns;
    }

    String folder() {
        return folder;
    }

    boolean knows(String column) {
        return COMMON.contains(column) || columns.contains(column);
    }

    static Optional<ScenarioKind> ofFolder(String folder) {
        for (ScenarioKind kind : values()) {
            if (kind.folder.equals(folder)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Runs the row's request, checks its decision, returns the rules that fired. */
    abstract List<String> run(PayAfterEngine engine, Row row, Expectations expect);

    static void expectOutcome(Row row, Expectations expect, String outcome, List<Reason> reasons) {
        expect.same("outcome", row.required("expected_outcome"), outcome);
        expect.sameSet("reasons", row.set("expected_reasons"), reasons.stream().map(Reason::code).toList());
    }

    private static void addScore(List<CreditScore> scores, Row row, String column, ScoreProvider provider) {
        Integer value = row.integer(column, null);
        if (value != null) {
            scores.add(new CreditScore(provider, value));
        }
    }

    /** Money compared by value at scale 2, so 300 and 300.00 are the same expectation. */
    private static String money(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
