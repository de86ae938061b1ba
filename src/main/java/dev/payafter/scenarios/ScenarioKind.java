package dev.payafter.scenarios;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.PlannedStep;
import dev.payafter.deduction.ReturnState;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RefusalPath;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.internal.Checks;
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
            "overdue_orders", "available_credit", "expected_credit_to_freeze", "expected_trial_days",
            "expected_when_refused")) {
        @Override
        Object request(Row row) {
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
            return new EligibilityRequest("order-" + row.line(),
                    row.enumValue("scenario", Scenario.class, Scenario.ECOMMERCE_GOODS), row.money("amount", "100.00"),
                    row.bool("product_enabled", true), consumer, merchant);
        }

        @Override
        Decided decide(PayAfterEngine engine, Row row, Object built) {
            EligibilityRequest request = (EligibilityRequest) built;
            EligibilityDecision decision = engine.decide(request);
            Map<String, String> details = new TreeMap<>();
            decision.creditToFreeze().ifPresent(v -> details.put("credit_to_freeze", money(v)));
            decision.freeTrialDays().ifPresent(v -> details.put("trial_days", v.toString()));
            decision.whenRefused().ifPresent(v -> details.put("when_refused", v.name()));
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
            if (row.has("expected_when_refused")) {
                RefusalPath expected = row.enumValue("expected_when_refused", RefusalPath.class, null);
                expect.same("when refused", expected == null ? null : expected.name(),
                        decided.details().get("when_refused"));
            }
        }
    },

    REFUND("refund", Set.of("premium", "completed_orders", "refund_rate_percent", "disputes", "paid_amount",
            "shipping", "category", "store_excluded", "buyer_revoked", "list_price", "expected_notice",
            "expected_loss_if_shipped_untracked")) {
        @Override
        Object request(Row row) {
            boolean hasHistory = !row.blank("completed_orders") || !row.blank("refund_rate_percent")
                    || !row.blank("disputes");
            TradingHistory history = hasHistory ? new TradingHistory(row.integer("completed_orders", 0),
                    row.money("refund_rate_percent", "0"), row.integer("disputes", 0)) : null;
            Buyer buyer = new Buyer("buyer-" + row.line(), row.optionalBool("premium"), history,
                    row.bool("buyer_revoked", false));
            return new RefundRequest("order-" + row.line(), buyer, row.money("paid_amount", "100.00"),
                    row.enumValue("shipping", ShippingStatus.class, ShippingStatus.UNSHIPPED),
                    row.enumValue("category", CategoryType.class, CategoryType.PHYSICAL),
                    row.bool("store_excluded", false), row.money("list_price", null));
        }

        @Override
        Decided decide(PayAfterEngine engine, Row row, Object built) {
            RefundRequest request = (RefundRequest) built;
            RefundDecision decision = engine.decide(request);
            Map<String, String> details = new TreeMap<>();
            decision.notice().ifPresent(v -> details.put("notice", v));
            decision.lossIfShippedUntracked().ifPresent(v -> details.put("loss_if_shipped_untracked", v.name()));
            return new Decided(decision.outcome().name(), decision.reasons(), details, decision.trace().firedRules(),
                    request);
        }

        @Override
        void check(Row row, Decided decided, Expectations expect) {
            if (row.has("expected_notice")) {
                expect.same("notice", row.blank("expected_notice") ? null : row.text("expected_notice"),
                        decided.details().get("notice"));
            }
            if (row.has("expected_loss_if_shipped_untracked")) {
                LossBearer expected = row.enumValue("expected_loss_if_shipped_untracked", LossBearer.class, null);
                expect.same("loss if shipped untracked", expected == null ? null : expected.name(),
                        decided.details().get("loss_if_shipped_untracked"));
            }
        }
    },

    DEDUCTION("deduction", Set.of("now", "kind", "amount", "ordered_at", "shipped_at", "delivered_at",
            "receipt_confirmed_at", "refunded_before_shipment", "return_state", "actual_fee", "failed_attempts",
            "settlement_advanced", "advance_recovered", "debt_paid_at", "expected_actions", "expected_charge",
            "expected_next_check", "expected_loss_bearer", "expected_next_attempt", "expected_max_attempts",
            "expected_overdue_at")) {
        @Override
        Object request(Row row) {
            Instant now = now(row);
            DeductionRequest.Builder builder = DeductionRequest.builder("order-" + row.line(), "consumer-" + row.line(),
                    row.enumValue("kind", OrderKind.class, OrderKind.GOODS), row.money("amount", "100.00"),
                    row.instant("ordered_at"))
                    .shippedAt(row.instant("shipped_at"))
                    .deliveredAt(row.instant("delivered_at"))
                    .receiptConfirmedAt(row.instant("receipt_confirmed_at"))
                    .refundedBeforeShipment(row.bool("refunded_before_shipment", false))
                    .returnState(row.enumValue("return_state", ReturnState.class, ReturnState.NONE))
                    .actualFee(row.money("actual_fee", null))
                    .merchantSettlementAdvanced(row.bool("settlement_advanced", false))
                    .advanceRecovered(row.bool("advance_recovered", false))
                    .debtPaidAt(row.instant("debt_paid_at"));
            row.instants("failed_attempts").forEach(builder::failedAttempt);
            DeductionRequest request = builder.build();
            // the engine refuses these too, when it decides; checked here so a request file is refused before
            // any rule is compiled
            notAfter("DeductionRequest.orderedAt", request.orderedAt(), now);
            notAfter("DeductionRequest.shippedAt", request.shippedAt(), now);
            notAfter("DeductionRequest.deliveredAt", request.deliveredAt(), now);
            notAfter("DeductionRequest.receiptConfirmedAt", request.receiptConfirmedAt(), now);
            notAfter("DeductionRequest.debtPaidAt", request.debtPaidAt(), now);
            List<Instant> attempts = request.failedAttempts();
            for (int i = 0; i < attempts.size(); i++) {
                notAfter("DeductionRequest.failedAttempts[" + i + "]", attempts.get(i), now);
            }
            return request;
        }

        private Instant now(Row row) {
            Instant now = row.instant("now");
            if (now == null) {
                throw row.error("now", "", "is required: the engine clock's now for this scenario");
            }
            if (now.isBefore(Checks.EARLIEST) || now.isAfter(Checks.LATEST)) {
                throw row.error("now", row.text("now"), "is outside " + Checks.EARLIEST + " .. " + Checks.LATEST);
            }
            return now;
        }

        private void notAfter(String field, Instant value, Instant now) {
            if (value != null && value.isAfter(now)) {
                throw new InvalidRequestException(field, value, "is after the engine clock's now " + now);
            }
        }

        @Override
        Decided decide(PayAfterEngine engine, Row row, Object built) {
            DeductionRequest request = (DeductionRequest) built;
            Instant now = now(row);
            DeductionDecision decision = engine.withClock(Clock.fixed(now, ZoneOffset.UTC)).decide(request);
            Map<String, String> details = new TreeMap<>();
            details.put("actions", String.join("|", new TreeSet<>(
                    decision.actions().stream().map(DeductionAction::name).toList())));
            decision.chargeAmount().ifPresent(v -> details.put("charge", money(v)));
            decision.nextCheckAt().ifPresent(v -> details.put("next_check", v.toString()));
            details.put("loss_bearer", decision.lossBearer().name());
            DeductionPlan plan = decision.plan();
            if (plan.maxAttempts() > 0) {
                details.put("max_attempts", Integer.toString(plan.maxAttempts()));
            }
            if (!plan.isEmpty()) {
                details.put("plan", planText(plan));
            }
            plan.nextAttempt().ifPresent(step -> details.put("next_attempt", step.at().toString()));
            plan.overdueAt().ifPresent(at -> details.put("overdue_at", at.toString()));
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
            if (row.has("expected_next_attempt")) {
                Instant expected = row.instant("expected_next_attempt");
                expect.same("next attempt", expected == null ? null : expected.toString(),
                        decided.details().get("next_attempt"));
            }
            if (row.has("expected_max_attempts")) {
                Integer expected = row.integer("expected_max_attempts", null);
                expect.same("max attempts", expected == null ? null : expected.toString(),
                        decided.details().get("max_attempts"));
            }
            if (row.has("expected_overdue_at")) {
                Instant expected = row.instant("expected_overdue_at");
                expect.same("overdue at", expected == null ? null : expected.toString(),
                        decided.details().get("overdue_at"));
            }
        }

        /** {@code 2026-03-13T02:00:00Z DEDUCT 1/4 [DEDUCT]; ...}: every step, for people and for diff. */
        private String planText(DeductionPlan plan) {
            StringBuilder out = new StringBuilder(64 * plan.steps().size());
            for (PlannedStep step : plan.steps()) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(step.at()).append(' ').append(step.kind()).append(' ').append(step.attempt()).append('/')
                        .append(plan.maxAttempts()).append(' ').append(step.actions());
            }
            return out.toString();
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
     * Builds the row's request, without an engine: every cell is read and every invariant checked (for a
     * deduction, also that no time is after the row's {@code now}).
     *
     * @throws dev.payafter.InvalidRequestException if the request breaks an invariant
     * @throws ScenarioTableException if a cell cannot be read
     */
    abstract Object request(Row row);

    /** Decides a request {@link #request} built from {@code row} (a deduction at the row's {@code now}). */
    abstract Decided decide(PayAfterEngine engine, Row row, Object request);

    /**
     * Builds the row's request and decides it (a deduction at the row's {@code now}).
     *
     * @throws dev.payafter.InvalidRequestException if the request breaks an invariant
     * @throws ScenarioTableException if a cell cannot be read
     */
    Decided decide(PayAfterEngine engine, Row row) {
        return decide(engine, row, request(row));
    }

    /** Checks the kind's own {@code expected_*} columns. */
    abstract void check(Row row, Decided decided, Expectations expect);

    /** Runs the row's request, checks its decision, returns the rules that fired. */
    List<String> run(PayAfterEngine engine, Row row, Expectations expect) {
        Decided decided = decide(engine, row);
        expectOutcome(row, expect, decided.outcome(), decided.reasons());
        check(row, decided, expect);
        return decided.firedRules();
    }

    /** The request fields named by the columns, for messages: {@code RefundRequest.paidAmount} is paid_amount. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("EligibilityRequest.amount", "amount"), Map.entry("EligibilityRequest.scenario", "scenario"),
            Map.entry("Consumer.availableCredit", "available_credit"),
            Map.entry("Consumer.overdueUnpaidOrders", "overdue_orders"),
            Map.entry("Merchant.minimumScore", "merchant_minimum"),
            Map.entry("RefundRequest.paidAmount", "paid_amount"), Map.entry("RefundRequest.listPrice", "list_price"),
            Map.entry("Buyer.premium", "premium"),
            Map.entry("TradingHistory.completedOrders", "completed_orders"),
            Map.entry("TradingHistory.refundRatePercent", "refund_rate_percent"),
            Map.entry("TradingHistory.disputes", "disputes"),
            Map.entry("DeductionRequest.kind", "kind"), Map.entry("DeductionRequest.amount", "amount"),
            Map.entry("DeductionRequest.orderedAt", "ordered_at"), Map.entry("DeductionRequest.shippedAt", "shipped_at"),
            Map.entry("DeductionRequest.deliveredAt", "delivered_at"),
            Map.entry("DeductionRequest.receiptConfirmedAt", "receipt_confirmed_at"),
            Map.entry("DeductionRequest.refundedBeforeShipment", "refunded_before_shipment"),
            Map.entry("DeductionRequest.returnState", "return_state"),
            Map.entry("DeductionRequest.actualFee", "actual_fee"),
            Map.entry("DeductionRequest.failedAttempts", "failed_attempts"),
            Map.entry("DeductionRequest.advanceRecovered", "advance_recovered"),
            Map.entry("DeductionRequest.debtPaidAt", "debt_paid_at"));

    /** The column of an invalid request's field ({@code DeductionRequest.failedAttempts[2]}), or null. */
    String columnOf(String field) {
        int bracket = field.indexOf('[');
        String column = COLUMN_OF_FIELD.get(bracket < 0 ? field : field.substring(0, bracket));
        return column != null && columns.contains(column) ? column : null;
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
        if (value == null) {
            return null;
        }
        if (value.precision() > Checks.MAX_DIGITS || Math.abs(value.scale()) > Checks.MAX_DIGITS
                || value.stripTrailingZeros().scale() > 2) {
            return Checks.numberText(value); // not money to the fen: compared (and shown) as it is
        }
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
