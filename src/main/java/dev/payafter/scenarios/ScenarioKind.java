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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one decision kind's scenario rows become requests and how their decisions are checked. The columns and
 * their defaults are documented in {@code rules/README.md}.
 */
enum ScenarioKind {
    ELIGIBILITY("eligibility", Set.of("scenario", "amount", "product_enabled", "merchant_enabled",
            "merchant_minimum", "zhima", "wechat_pay_score", "jd_xiaobai", "risk_assessment", "revoked",
            "overdue_orders", "available_credit", "expected_credit_to_freeze", "expected_trial_days")) {
        @Override
        Decided decide(PayAfterEngine engine, Row row) {
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
            Map<String, String> details = new TreeMap<>();
            decision.creditToFreeze().ifPresent(v -> details.put("credit_to_freeze", money(v)));
            decision.freeTrialDays().ifPresent(v -> details.put("trial_days", v.toString()));
            return new Decided(decision.outcome().name(), decision.reasons(), details, decision.trace().firedRules(),
                    request);
        }

        @Override
        void check(Row row, Decided decided, Expectations expect) {
            if (row.has("expected_credit_to_freeze")) {
                expect.same("credit to freeze", money(row.money("expected_credit_to_freeze", null)),
                        decided.details().get("credit_to_freeze"));
            }
            if (row.has("expected_trial_days")) {
                Integer expected = row.integer("expected_trial_days", null);
                expect.same("free trial days", expected == null ? null : expected.toString(),
                        decided.details().get("trial_days"));
            }
        }
    },

    REFUND("refund", Set.of("premium", "completed_orders", "refund_rate_percent", "disputes", "paid_amount",
            "shipping", "category", "store_excluded", "buyer_revoked", "expected_notice")) {
        @Override
        Decided decide(PayAfterEngine engine, Row row) {
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
            Map<String, String> details = new TreeMap<>();
            decision.notice().ifPresent(v -> details.put("notice", v));
            return new Decided(decision.outcome().name(), decision.reasons(), details, decision.trace().firedRules(),
                    request);
        }

        @Override
        void check(Row row, Decided decided, Expectations expect) {
            if (row.has("expected_notice")) {
                expect.same("notice", row.blank("expected_notice") ? null : row.text("expected_notice"),
                        decided.details().get("notice"));
            }
        }
    },

    DEDUCTION("deduction", Set.of("now", "kind", "amount", "ordered_at", "shipped_at", "delivered_at",
            "receipt_confirmed_at", "refunded_before_shipment", "return_state", "actual_fee", "failed_attempts",
            "settlement_advanced", "expected_actions", "expected_charge", "expected_next_check",
            "expected_loss_bearer")) {
        @Override
        Decided decide(PayAfterEngine engine, Row row) {
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
            DeductionRequest request = builder.build();
            DeductionDecision decision = engine.withClock(Clock.fixed(now, ZoneOffset.UTC)).decide(request);
            Map<String, String> details = new TreeMap<>();
            details.put("actions", String.join("|", new TreeSet<>(
                    decision.actions().stream().map(DeductionAction::name).toList())));
            decision.chargeAmount().ifPresent(v -> details.put("charge", money(v)));
            decision.nextCheckAt().ifPresent(v -> details.put("next_check", v.toString()));
            details.put("loss_bearer", decision.lossBearer().name());
            return new Decided(decision.outcome().name(), decision.reasons(), details, decision.trace().firedRules(),
                    request);
        }

        @Override
        void check(Row row, Decided decided, Expectations expect) {
            if (row.has("expected_actions")) {
                expect.sameSet("actions", row.set("expected_actions"), List.of(decided.details().get("actions")
                        .split("\\|")).stream().filter(a -> !a.isEmpty()).toList());
            }
            if (row.has("expected_charge")) {
                expect.same("charge", money(row.money("expected_charge", null)), decided.details().get("charge"));
            }
            if (row.has("expected_next_check")) {
                Instant expected = row.instant("expected_next_check");
                expect.same("next check", expected == null ? null : expected.toString(),
                        decided.details().get("next_check"));
            }
            if (row.has("expected_loss_bearer")) {
                expect.same("loss bearer", row.enumValue("expected_loss_bearer", LossBearer.class, LossBearer.NONE)
                        .name(), decided.details().get("loss_bearer"));
            }
        }
    };

    /** Columns every scenario table has. */
    static final Set<String> COMMON = Set.of("name", "expected_outcome", "expected_reasons");

    /** The outcome a row expects when its request must be refused as invalid; expected_reasons names the field. */
    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final String folder;
    private final Set<String> columns;

    private final Set<String> requestColumns;

    ScenarioKind(String folder, Set<String> columns) {
        this.folder = folder;
        this.columns = columns;
        this.requestColumns = Set.copyOf(columns.stream().filter(c -> !c.startsWith("expected_")).toList());
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

    /**
     * What a row's request was decided: the outcome, the reasons, the kind's other results by name (money at
     * scale 2, instants in UTC, actions sorted and joined with {@code |}) and the rules that fired.
     */
    record Decided(String outcome, List<Reason> reasons, Map<String, String> details, List<String> firedRules,
            Object request) {
    }

    /**
     * Builds the row's request and decides it (a deduction at the row's {@code now}).
     *
     * @throws dev.payafter.InvalidRequestException if the request breaks an invariant
     * @throws ScenarioTableException if a cell cannot be read
     */
    abstract Decided decide(PayAfterEngine engine, Row row);

    /** Checks the kind's own {@code expected_*} columns. */
    abstract void check(Row row, Decided decided, Expectations expect);

    /** Runs the row's request, checks its decision, returns the rules that fired. */
    List<String> run(PayAfterEngine engine, Row row, Expectations expect) {
        Decided decided = decide(engine, row);
        expectOutcome(row, expect, decided.outcome(), decided.reasons());
        check(row, decided, expect);
        return decided.firedRules();
    }

    /** The columns of this kind's requests (without the common and the expected_* ones). */
    Set<String> requestColumns() {
        return requestColumns;
    }

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
    static String money(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
