package dev.payafter.reference;

import dev.payafter.DecisionTrace;
import dev.payafter.InvalidRequestException;
import dev.payafter.Reason;
import dev.payafter.deduction.DeductionAction;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionPlan;
import dev.payafter.deduction.PlannedStep;
import dev.payafter.deduction.StepKind;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.LossBearer;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.ReturnState;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RefusalPath;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bundled default rules ({@code rules/}) written as plain Java: the reference the engine is checked against
 * (the differential test) and the speed limit it is measured against (the benchmarks). It hard-codes the
 * bundled tables on purpose: it is a reference for that one rule set, never the product, and never shipped.
 *
 * <p>It returns the engine's decision records field for field: outcome, reasons (code, message, rule), credit,
 * trial, notice, actions, charge, next check, loss bearer, and the rules and table rows that fire (in an order of
 * its own: compare them as a multiset).
 */
public final class PlainJavaDecisions {
    private static final String ENGINE = "(engine)";
    private static final String ELIGIBILITY_TABLE = "eligibility-policy.drl.csv row ";
    private static final String REFUND_TABLE = "fast-refund-policy.drl.csv row ";
    private static final String EXCLUDED_TABLE = "excluded-categories.drl.csv row ";
    private static final String DEDUCTION_TABLE = "deduction-policy.drl.csv row ";
    private static final String RETRY_TABLE = "retry-schedule.drl.csv row ";

    private final String profile;
    private final String version;

    /**
     * @param profile the profile to decide under, one of the bundled six
     * @param version the rule-set version to put in each trace (the engine's {@code ruleSet().version()})
     */
    public PlainJavaDecisions(String profile, String version) {
        this.profile = profile;
        this.version = version;
    }

    public String profile() {
        return profile;
    }

    // ---- eligibility ------------------------------------------------------------------------------------------

    /** eligibility-policy.drl.csv, one row. */
    private record EligibilityRow(int row, String profile, Scenario scenario, ScoreProvider provider, Integer minimum,
            boolean merchantThresholdRequired, boolean riskAssessmentRequired, Integer freeTrialDays,
            Integer maxOverdueOrders, RefusalPath whenRefused) {
    }

    private static final List<EligibilityRow> ELIGIBILITY_POLICY = List.of(
            new EligibilityRow(11, "kuaishou", Scenario.ECOMMERCE_GOODS, ScoreProvider.ZHIMA, 550, false, false, null, 0, RefusalPath.PAY_NOW),
            new EligibilityRow(12, "tmall", Scenario.ECOMMERCE_GOODS, ScoreProvider.ZHIMA, 550, false, false, 7, 0, RefusalPath.PAY_NOW),
            new EligibilityRow(13, "zhima-650", Scenario.ECOMMERCE_GOODS, ScoreProvider.ZHIMA, 650, false, false, null, 0, RefusalPath.PAY_NOW),
            new EligibilityRow(14, "jd", Scenario.ECOMMERCE_GOODS, ScoreProvider.JD_XIAOBAI, 300, false, true, null, 0, RefusalPath.PAY_NOW),
            new EligibilityRow(15, "wechat-pay-score", Scenario.SHIP_FIRST_PAY_LATER, ScoreProvider.WECHAT_PAY_SCORE, 550,
                    false, false, null, 0, RefusalPath.REFUSED),
            new EligibilityRow(16, "wechat-pay-score", Scenario.PARK_FIRST_PAY_LATER, ScoreProvider.WECHAT_PAY_SCORE, 550,
                    false, false, null, 0, RefusalPath.REFUSED),
            new EligibilityRow(17, "wechat-pay-score", Scenario.DEPOSIT_FREE_RENTAL, ScoreProvider.WECHAT_PAY_SCORE, 550,
                    false, false, null, 0, RefusalPath.DEPOSIT),
            new EligibilityRow(18, "alipay", Scenario.DEPOSIT_FREE_RENTAL, ScoreProvider.ZHIMA, 550, true, false, null, 0, RefusalPath.DEPOSIT),
            new EligibilityRow(19, "alipay", Scenario.STAGED_SERVICE_PAYMENT, ScoreProvider.ZHIMA, 550, true, false, null, 0, RefusalPath.REFUSED),
            new EligibilityRow(20, "alipay", Scenario.TELECOM, ScoreProvider.ZHIMA, 550, true, false, null, 0, RefusalPath.REFUSED));

    private EligibilityRow eligibilityRow(Scenario scenario) {
        for (EligibilityRow row : ELIGIBILITY_POLICY) {
            if (row.profile.equals(profile) && row.scenario == scenario) {
                return row;
            }
        }
        return null;
    }

    public EligibilityDecision decide(EligibilityRequest request) {
        Consumer consumer = request.consumer();
        Merchant merchant = request.merchant();
        EligibilityRow policy = eligibilityRow(request.scenario());
        List<String> fired = new ArrayList<>();
        List<Reason> failures = new ArrayList<>();
        Reason approval = null;
        if (policy != null) {
            fired.add(ELIGIBILITY_TABLE + policy.row);
            fired.add("Profile offers pay after use in this scenario");
            approval = new Reason("ELIGIBLE", String.format("%s offers pay after use for %s and every check passed",
                    profile, request.scenario()), "Profile offers pay after use in this scenario");
            CreditScore score = scoreFrom(consumer, policy.provider);
            if (score == null) {
                fail(fired, failures, "No credit score from the profile's provider", "NO_CREDIT_SCORE",
                        String.format("no %s score was given; %s decides on it", policy.provider, profile));
            }
            if (score != null && policy.minimum != null && score.value() < policy.minimum) {
                fail(fired, failures, "Score below the profile's minimum", "SCORE_BELOW_MINIMUM",
                        String.format("%s score %d is below the minimum %d", policy.provider, score.value(),
                                policy.minimum));
            }
            if (score != null && merchant.minimumScore() != null && score.value() < merchant.minimumScore()) {
                fail(fired, failures, "Score below the merchant's own minimum", "SCORE_BELOW_MERCHANT_MINIMUM",
                        String.format("%s score %d is below the merchant's own minimum %d", policy.provider,
                                score.value(), merchant.minimumScore()));
            }
            if (policy.merchantThresholdRequired && merchant.minimumScore() == null) {
                fail(fired, failures, "Merchant has set no threshold where the profile asks for one",
                        "MERCHANT_THRESHOLD_MISSING", String.format(
                                "%s lets the merchant's own threshold decide, and this merchant has set none", profile));
            }
            if (policy.riskAssessmentRequired && consumer.riskAssessment() != RiskAssessment.PASSED) {
                fail(fired, failures, "Risk assessment not passed", "RISK_ASSESSMENT_NOT_PASSED",
                        String.format("the risk assessment is %s; a passed one is required", consumer.riskAssessment()));
            }
            if (policy.maxOverdueOrders != null && consumer.overdueUnpaidOrders() > policy.maxOverdueOrders) {
                fail(fired, failures, "Overdue unpaid pay-after-use orders", "OVERDUE_UNPAID_ORDERS",
                        String.format("%d overdue unpaid pay-after-use order(s); at most %d allowed",
                                consumer.overdueUnpaidOrders(), policy.maxOverdueOrders));
            }
        } else {
            fail(fired, failures, "Profile does not offer pay after use in this scenario", "SCENARIO_NOT_OFFERED",
                    String.format("%s does not offer pay after use for %s", profile, request.scenario()));
        }
        if (consumer.revokedForAbuse()) {
            fail(fired, failures, "Consumer revoked for abuse", "CONSUMER_REVOKED",
                    "the platform has revoked pay after use for this consumer for abuse");
        }
        if (consumer.availableCredit().compareTo(request.amount()) < 0) {
            fail(fired, failures, "Not enough credit left to freeze", "INSUFFICIENT_CREDIT",
                    String.format("%s yuan must be frozen but only %s yuan of credit is left",
                            request.amount().toPlainString(), consumer.availableCredit().toPlainString()));
        }
        if (!merchant.payAfterUseEnabled()) {
            fail(fired, failures, "Merchant has not switched on pay after use", "MERCHANT_NOT_ENABLED",
                    String.format("merchant %s has not switched on pay after use", merchant.id()));
        }
        if (!request.productPayAfterUseEnabled()) {
            fail(fired, failures, "Product not marked for pay after use", "PRODUCT_NOT_ENABLED",
                    "the product does not carry the merchant's pay-after-use mark");
        }
        DecisionTrace trace = new DecisionTrace(profile, version, fired);
        if (approval != null && failures.isEmpty()) {
            return new EligibilityDecision(request.orderId(), EligibilityOutcome.ELIGIBLE, List.of(approval),
                    Optional.of(request.amount()), Optional.ofNullable(policy.freeTrialDays), trace);
        }
        return new EligibilityDecision(request.orderId(), EligibilityOutcome.INELIGIBLE, refusal(failures),
                Optional.empty(), Optional.empty(), trace,
                Optional.of(policy == null ? RefusalPath.REFUSED : policy.whenRefused));
    }

    private static CreditScore scoreFrom(Consumer consumer, ScoreProvider provider) {
        for (CreditScore score : consumer.creditScores()) {
            if (score.provider() == provider) {
                return score;
            }
        }
        return null;
    }

    // ---- fast refund ------------------------------------------------------------------------------------------

    /** fast-refund-policy.drl.csv row 11: the only profile offering fast refund. */
    private static final String REFUND_PROFILE = "kuaishou";
    private static final BigDecimal REFUND_MAX_PAID = new BigDecimal("300.00");
    private static final int PREMIUM_MIN_ORDERS = 10;
    private static final BigDecimal PREMIUM_MAX_REFUND_RATE = new BigDecimal("20");
    private static final int PREMIUM_MAX_DISPUTES = 0;
    private static final LossBearer REFUND_LOSS_IF_SHIPPED_UNTRACKED = LossBearer.MERCHANT;
    private static final String REFUND_NOTICE =
            "该用户为平台优质用户且订单满足极速退款条件,平台已自动审核通过卖家发货前仅退款申请";

    public RefundDecision decide(RefundRequest request) {
        List<String> fired = new ArrayList<>();
        List<Reason> failures = new ArrayList<>();
        Buyer buyer = request.buyer();
        boolean offered = profile.equals(REFUND_PROFILE);
        Reason approval = null;
        if (offered) {
            fired.add(REFUND_TABLE + 11);
            boolean excluded = request.category() != CategoryType.PHYSICAL;
            if (request.category() == CategoryType.VIRTUAL) {
                fired.add(EXCLUDED_TABLE + 11);
            } else if (request.category() == CategoryType.CUSTOM_MADE) {
                fired.add(EXCLUDED_TABLE + 12);
            }
            fired.add("Profile offers fast refund");
            approval = new Reason("FAST_REFUND_APPROVED", "the buyer is a premium user and the order meets the"
                    + " fast-refund conditions; approved before shipment", "Profile offers fast refund");
            if (request.paidAmount().compareTo(REFUND_MAX_PAID) >= 0) {
                fail(fired, failures, "Paid amount not under the fast-refund limit", "PAID_AMOUNT_NOT_UNDER_LIMIT",
                        String.format("paid %s yuan; fast refund is for less than %s yuan",
                                request.paidAmount().toPlainString(), REFUND_MAX_PAID.toPlainString()));
            }
            if (request.shipping() != ShippingStatus.UNSHIPPED) {
                fail(fired, failures, "Order already shipped", "ORDER_SHIPPED",
                        String.format("the order is %s; fast refund is for unshipped orders", request.shipping()));
            }
            if (excluded) {
                fail(fired, failures, "Category excluded from fast refund", "CATEGORY_EXCLUDED",
                        String.format("%s products are excluded from fast refund", request.category()));
            }
            if (request.storeExcluded()) {
                fail(fired, failures, "Store excluded by the platform", "STORE_EXCLUDED",
                        "the platform has excluded this store from fast refund");
            }
            if (buyer.revokedForAbuse()) {
                fail(fired, failures, "Buyer revoked for abuse", "BUYER_REVOKED",
                        "the platform has revoked fast refund for this buyer for abuse");
            }
            if (Boolean.FALSE.equals(buyer.premium())) {
                fail(fired, failures, "Host says the buyer is not a premium user", "NOT_PREMIUM_BUYER",
                        "the platform does not rate this buyer a premium user");
            }
            TradingHistory history = buyer.tradingHistory();
            if (buyer.premium() == null && history != null) {
                if (history.completedOrders() < PREMIUM_MIN_ORDERS) {
                    fail(fired, failures, "Too few completed orders for a premium user", "PREMIUM_TOO_FEW_ORDERS",
                            String.format("%d completed orders; a premium user has at least %d",
                                    history.completedOrders(), PREMIUM_MIN_ORDERS));
                }
                if (history.refundRatePercent().compareTo(PREMIUM_MAX_REFUND_RATE) > 0) {
                    fail(fired, failures, "Refund rate too high for a premium user", "PREMIUM_REFUND_RATE_TOO_HIGH",
                            String.format("refund rate %s%%; a premium user has at most %s%%",
                                    history.refundRatePercent().toPlainString(),
                                    PREMIUM_MAX_REFUND_RATE.toPlainString()));
                }
                if (history.disputes() > PREMIUM_MAX_DISPUTES) {
                    fail(fired, failures, "Too many disputes for a premium user", "PREMIUM_TOO_MANY_DISPUTES",
                            String.format("%d disputes; a premium user has at most %d", history.disputes(),
                                    PREMIUM_MAX_DISPUTES));
                }
            }
        } else {
            fail(fired, failures, "Profile does not offer fast refund", "FAST_REFUND_NOT_OFFERED",
                    String.format("%s does not offer fast refund; the merchant reviews it", profile));
        }
        DecisionTrace trace = new DecisionTrace(profile, version, fired);
        if (approval != null && failures.isEmpty()) {
            return new RefundDecision(request.orderId(), RefundOutcome.AUTO_APPROVED, List.of(approval),
                    Optional.of(REFUND_NOTICE), trace, Optional.of(REFUND_LOSS_IF_SHIPPED_UNTRACKED));
        }
        return new RefundDecision(request.orderId(), RefundOutcome.MANUAL_REVIEW, refusal(failures),
                Optional.empty(), trace);
    }

    // ---- deduction --------------------------------------------------------------------------------------------

    private enum Trigger { ON_RECEIPT, AT_TRIAL_END, AT_ACTUAL_FEE }

    /** deduction-policy.drl.csv, one row. */
    private record DeductionRow(int row, String profile, OrderKind kind, Trigger trigger, Integer autoConfirmDays,
            Integer freeTrialDays, boolean platformGuarantees, Integer remindDaysBefore, boolean restoreWhenPaid) {
    }

    private static final List<DeductionRow> DEDUCTION_POLICY = List.of(
            new DeductionRow(11, "kuaishou", OrderKind.GOODS, Trigger.ON_RECEIPT, 10, null, true, null, true),
            new DeductionRow(12, "tmall", OrderKind.GOODS, Trigger.AT_TRIAL_END, null, 7, true, 1, true),
            new DeductionRow(13, "zhima-650", OrderKind.GOODS, Trigger.ON_RECEIPT, 10, null, true, null, true),
            new DeductionRow(14, "jd", OrderKind.GOODS, Trigger.ON_RECEIPT, 10, null, true, null, true),
            new DeductionRow(15, "wechat-pay-score", OrderKind.GOODS, Trigger.ON_RECEIPT, 10, null, true, null, true),
            new DeductionRow(16, "wechat-pay-score", OrderKind.SERVICE, Trigger.AT_ACTUAL_FEE, null, null, true, null,
                    true),
            new DeductionRow(17, "alipay", OrderKind.SERVICE, Trigger.AT_ACTUAL_FEE, null, null, true, null, true));

    /** retry-schedule.drl.csv: retry after these days, by failed attempts 1, 2, 3 (rows 11, 12, 13). */
    private static final int[] RETRY_AFTER_DAYS = {1, 3, 7};
    /** The first deduction and one retry per row of the schedule. */
    private static final int MAX_ATTEMPTS = RETRY_AFTER_DAYS.length + 1;

    /** One deduction's findings, as {@code DeductionFindings} collects them. */
    private static final class Deduction {
        final List<String> fired = new ArrayList<>();
        final List<Reason> notes = new ArrayList<>();
        final List<DeductionOutcome> decided = new ArrayList<>();
        final List<String> deciders = new ArrayList<>();
        final Set<DeductionAction> actions = EnumSet.noneOf(DeductionAction.class);
        DeductionOutcome outcome;
        BigDecimal charge;
        Instant nextCheck;
        LossBearer lossBearer = LossBearer.NONE;
        DeductionPlan plan;

        void decide(String rule, DeductionOutcome value, String code, String message) {
            fired.add(rule);
            outcome = value;
            decided.add(value);
            deciders.add(rule);
            notes.add(new Reason(code, message, rule));
        }

        void charge(String rule, BigDecimal amount, String code, String message) {
            decide(rule, DeductionOutcome.CHARGE, code, message);
            charge = amount;
        }

        void waitUntil(String rule, Instant until, String code, String message) {
            decide(rule, DeductionOutcome.WAIT, code, message);
            nextCheck = until;
        }
    }

    /**
     * The plan written out attempt by attempt: the reminder before attempt 1 when the profile has one, then each
     * attempt from {@code attempt} at {@code at}, what follows its failure (a reminder at once, the settlement advanced
     * the first time) and the overdue step after the last.
     */
    private static DeductionPlan plan(DeductionRow policy, int attempt, Instant at, Instant remindFrom,
            boolean advanced, boolean startWithFailure) {
        List<PlannedStep> steps = new ArrayList<>();
        boolean advanceDone = advanced || !policy.platformGuarantees;
        if (!startWithFailure && attempt == 1 && remindFrom != null && policy.remindDaysBefore != null) {
            Instant remind = at.minus(Duration.ofDays(policy.remindDaysBefore));
            steps.add(new PlannedStep(remind.isBefore(remindFrom) ? remindFrom : remind, StepKind.REMIND, 1,
                    List.of(DeductionAction.REMIND_CONSUMER)));
        }
        int n = attempt;
        Instant t = at;
        boolean failureFirst = startWithFailure;
        while (true) {
            if (!failureFirst) {
                Set<DeductionAction> actions = EnumSet.noneOf(DeductionAction.class);
                if (n == 1) {
                    actions.add(DeductionAction.DEDUCT);
                } else {
                    actions.add(DeductionAction.RETRY_DEDUCTION);
                    actions.add(DeductionAction.REMIND_CONSUMER);
                    if (!advanceDone) {
                        actions.add(DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
                        advanceDone = true;
                    }
                }
                steps.add(new PlannedStep(t, n == 1 ? StepKind.DEDUCT : StepKind.RETRY, n, List.copyOf(actions)));
            }
            failureFirst = false;
            Set<DeductionAction> after = EnumSet.noneOf(DeductionAction.class);
            if (!advanceDone) {
                after.add(DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
                advanceDone = true;
            }
            if (n >= MAX_ATTEMPTS) {
                after.add(DeductionAction.MARK_OVERDUE);
                after.add(DeductionAction.REPORT_OVERDUE);
                after.add(DeductionAction.REVOKE_ELIGIBILITY);
                steps.add(new PlannedStep(t, StepKind.OVERDUE, n, List.copyOf(after)));
                return new DeductionPlan(MAX_ATTEMPTS, steps);
            }
            after.add(DeductionAction.REMIND_CONSUMER);
            steps.add(new PlannedStep(t, StepKind.FAILED, n, List.copyOf(after)));
            t = t.plus(Duration.ofDays(RETRY_AFTER_DAYS[n - 1]));
            n++;
        }
    }

    /**
     * The deduction decision at {@code now}.
     *
     * @throws InvalidRequestException if a time in the request is after {@code now}, as the engine does
     */
    public DeductionDecision decide(DeductionRequest request, Instant now) {
        notAfterNow("DeductionRequest.orderedAt", request.orderedAt(), now);
        notAfterNow("DeductionRequest.shippedAt", request.shippedAt(), now);
        notAfterNow("DeductionRequest.deliveredAt", request.deliveredAt(), now);
        notAfterNow("DeductionRequest.receiptConfirmedAt", request.receiptConfirmedAt(), now);
        notAfterNow("DeductionRequest.debtPaidAt", request.debtPaidAt(), now);
        Instant lastFailed = request.lastFailedAttempt().orElse(null);
        if (lastFailed != null) {
            notAfterNow("DeductionRequest.failedAttempts[" + (request.failedAttempts().size() - 1) + "]", lastFailed,
                    now);
        }

        DeductionRow policy = null;
        for (DeductionRow row : DEDUCTION_POLICY) {
            if (row.profile.equals(profile) && row.kind == request.kind()) {
                policy = row;
            }
        }
        int failed = request.failedAttempts().size();
        Integer retryAfterDays = failed >= 1 && failed <= RETRY_AFTER_DAYS.length ? RETRY_AFTER_DAYS[failed - 1] : null;

        Deduction d = new Deduction();
        if (policy != null) {
            d.fired.add(DEDUCTION_TABLE + policy.row);
        }
        if (retryAfterDays != null) {
            d.fired.add(RETRY_TABLE + (10 + failed));
        }
        Trigger trigger = policy == null ? null : policy.trigger;
        boolean goods = request.kind() == OrderKind.GOODS;
        ReturnState returnState = request.returnState();
        boolean refunded = request.refundedBeforeShipment();
        boolean advanced = request.merchantSettlementAdvanced();
        BigDecimal amount = request.amount();
        BigDecimal fee = request.actualFee();
        Instant paid = request.debtPaidAt();

        // refunds-and-returns.drl
        if (refunded) {
            d.decide("Refunded before shipment: never charged", DeductionOutcome.NO_CHARGE, "REFUNDED_BEFORE_SHIPMENT",
                    "the order was refunded before shipment; it is never charged");
            d.actions.add(DeductionAction.RELEASE_FROZEN_CREDIT);
        }
        if (trigger != null && returnState == ReturnState.IN_PROGRESS) {
            d.decide("Return in progress holds the deduction", DeductionOutcome.HOLD, "RETURN_IN_PROGRESS",
                    "the goods are on their way back; the deduction waits for the check on arrival");
            if (advanced && !request.advanceRecovered()) {
                d.fired.add("Platform bears its advance while a return is on its way");
                d.lossBearer = LossBearer.PLATFORM;
            }
        }
        if (trigger != null && returnState == ReturnState.ARRIVED_INTACT) {
            d.decide("Intact return releases the frozen credit", DeductionOutcome.NO_CHARGE, "RETURN_ARRIVED_INTACT",
                    "the returned parcel arrived intact and was signed for; nothing is charged");
            d.actions.add(DeductionAction.RELEASE_FROZEN_CREDIT);
            if (advanced && !request.advanceRecovered()) {
                d.fired.add("Platform recovers its advance from the merchant after an intact return");
                d.actions.add(DeductionAction.RECOVER_ADVANCE_FROM_MERCHANT);
                d.lossBearer = LossBearer.PLATFORM;
            }
        }
        if (trigger != null && failed == 0 && returnState == ReturnState.ARRIVED_DAMAGED) {
            d.charge("Damaged return is refused and the deduction goes ahead", amount, "RETURN_ARRIVED_DAMAGED",
                    "the returned parcel arrived damaged: it is refused and the order is charged");
            d.actions.add(DeductionAction.REFUSE_RETURNED_PARCEL);
            d.actions.add(DeductionAction.DEDUCT);
            d.plan = plan(policy, 1, now, null, advanced, false);
        }
        // no-policy.drl
        if (trigger == null && !refunded) {
            d.decide("No deduction policy for this kind of order", DeductionOutcome.MANUAL_REVIEW,
                    "NO_DEDUCTION_POLICY", String.format(
                            "%s has no deduction policy for %s orders; it is not charged automatically", profile,
                            request.kind()));
        }
        // charge-on-receipt-or-trial.drl
        Instant delivered = request.deliveredAt();
        if (trigger == Trigger.ON_RECEIPT && failed == 0 && goods && returnState == ReturnState.NONE) {
            if (request.receiptConfirmedAt() != null) {
                d.charge("Charge on the buyer's confirmation of receipt", amount, "RECEIPT_CONFIRMED",
                        "the buyer confirmed receipt");
                d.actions.add(DeductionAction.DEDUCT);
                d.plan = plan(policy, 1, now, null, advanced, false);
            } else if (delivered != null && policy.autoConfirmDays != null) {
                int days = policy.autoConfirmDays;
                Instant due = daysAfter(delivered, days);
                if (reached(now, delivered, days)) {
                    d.charge("Charge on automatic confirmation of receipt", amount, "RECEIPT_AUTO_CONFIRMED",
                            String.format("receipt is confirmed automatically %d days after delivery", days));
                    d.actions.add(DeductionAction.DEDUCT);
                    d.plan = plan(policy, 1, now, null, advanced, false);
                } else if (policy.remindDaysBefore == null || !reached(now, delivered, days - policy.remindDaysBefore)) {
                    d.waitUntil("Wait for confirmation of receipt", policy.remindDaysBefore == null ? due
                            : daysAfter(delivered, days - policy.remindDaysBefore),
                            "AWAITING_RECEIPT_CONFIRMATION", String.format(
                                    "delivered; receipt is confirmed by the buyer or automatically %d days after delivery",
                                    days));
                    d.plan = plan(policy, 1, due, delivered, advanced, false);
                } else {
                    d.waitUntil("Remind the consumer before the automatic confirmation of receipt", due,
                            "CHARGE_DUE_SOON", String.format("receipt is confirmed automatically %d days after"
                                    + " delivery and the order charged then; the consumer is reminded %d day(s) before",
                                    days, policy.remindDaysBefore));
                    d.actions.add(DeductionAction.REMIND_CONSUMER);
                    d.plan = plan(policy, 1, due, delivered, advanced, false);
                }
            }
        }
        if ((trigger == Trigger.ON_RECEIPT || trigger == Trigger.AT_TRIAL_END) && failed == 0 && goods && !refunded
                && delivered == null) {
            d.waitUntil("Wait for delivery", null, "AWAITING_DELIVERY",
                    "not delivered yet; nothing is charged before delivery");
            d.plan = new DeductionPlan(MAX_ATTEMPTS, List.of());
        }
        if (trigger == Trigger.AT_TRIAL_END && failed == 0 && policy.freeTrialDays != null && goods
                && returnState == ReturnState.NONE && delivered != null) {
            int days = policy.freeTrialDays;
            Instant due = daysAfter(delivered, days);
            if (reached(now, delivered, days)) {
                d.charge("Charge at the end of the free trial", amount, "FREE_TRIAL_ENDED",
                        String.format("the %d-day free trial ended with no return; deducted automatically", days));
                d.actions.add(DeductionAction.DEDUCT);
                d.plan = plan(policy, 1, now, null, advanced, false);
            } else if (policy.remindDaysBefore == null || !reached(now, delivered, days - policy.remindDaysBefore)) {
                d.waitUntil("Wait for the end of the free trial", policy.remindDaysBefore == null ? due
                        : daysAfter(delivered, days - policy.remindDaysBefore), "FREE_TRIAL_RUNNING",
                        String.format("the %d-day free trial is running", days));
                d.plan = plan(policy, 1, due, delivered, advanced, false);
            } else {
                d.waitUntil("Remind the consumer before the free trial ends", due, "CHARGE_DUE_SOON",
                        String.format("the %d-day free trial ends soon and the order is charged then; the consumer is"
                                + " reminded %d day(s) before", days, policy.remindDaysBefore));
                d.actions.add(DeductionAction.REMIND_CONSUMER);
                d.plan = plan(policy, 1, due, delivered, advanced, false);
            }
        }
        // charge-at-actual-fee.drl
        if (trigger == Trigger.AT_ACTUAL_FEE && !goods && !refunded) {
            if (failed == 0 && fee == null) {
                d.waitUntil("Wait for the actual fee", null, "AWAITING_ACTUAL_FEE", "the actual fee is not known yet");
                d.plan = new DeductionPlan(MAX_ATTEMPTS, List.of());
            }
            if (failed == 0 && fee != null && fee.signum() == 0) {
                d.decide("No fee: nothing to charge", DeductionOutcome.NO_CHARGE, "NO_FEE",
                        "the actual fee is 0.00; nothing is charged");
                d.actions.add(DeductionAction.RELEASE_FROZEN_CREDIT);
            }
            if (failed == 0 && fee != null && fee.signum() > 0 && fee.compareTo(amount) <= 0) {
                d.charge("Charge the actual fee", fee, "ACTUAL_FEE_KNOWN", String.format(
                        "the actual fee is %s yuan (authorised up to %s)", fee.toPlainString(), amount.toPlainString()));
                d.actions.add(DeductionAction.DEDUCT);
                d.plan = plan(policy, 1, now, null, advanced, false);
            }
            if (fee != null && fee.compareTo(amount) > 0) {
                d.decide("Fee above the authorised maximum is not charged automatically",
                        DeductionOutcome.MANUAL_REVIEW, "FEE_ABOVE_AUTHORISED_MAXIMUM", String.format(
                                "the actual fee %s yuan is above the authorised %s yuan; it is not charged automatically",
                                fee.toPlainString(), amount.toPlainString()));
            }
        }
        // failed-deductions.drl
        boolean retryable = (returnState == ReturnState.NONE || returnState == ReturnState.ARRIVED_DAMAGED)
                && (goods || fee != null && fee.compareTo(amount) <= 0);
        if (trigger != null && failed > 0 && retryable && paid != null) {
            if (retryAfterDays != null) {
                d.decide("Debt paid before it became overdue", DeductionOutcome.NO_CHARGE, "DEBT_PAID", String.format(
                        "the consumer paid the debt of %d failed deduction(s); no retry is made", failed));
            } else {
                d.decide("Overdue debt paid late", DeductionOutcome.NO_CHARGE, "OVERDUE_DEBT_PAID",
                        "the consumer paid the overdue debt late; the overdue mark is cleared");
                d.actions.add(DeductionAction.CLEAR_OVERDUE);
                if (policy.restoreWhenPaid) {
                    d.fired.add("Eligibility restored when an overdue debt is paid late");
                    d.actions.add(DeductionAction.RESTORE_ELIGIBILITY);
                }
            }
        }
        if (trigger != null && failed > 0 && retryable && paid == null) {
            if (retryAfterDays != null) {
                if (reached(now, lastFailed, retryAfterDays)) {
                    d.charge("Retry a failed deduction when it is due", request.chargeableAmount().get(), "RETRY_DUE",
                            String.format("%d deduction(s) failed; the retry due %d day(s) after the last failure is due",
                                    failed, retryAfterDays));
                    d.actions.add(DeductionAction.RETRY_DEDUCTION);
                    d.actions.add(DeductionAction.REMIND_CONSUMER);
                    d.plan = plan(policy, failed + 1, now, null, advanced, false);
                } else {
                    d.waitUntil("Wait for the next retry of a failed deduction", daysAfter(lastFailed, retryAfterDays),
                            "RETRY_SCHEDULED", String.format("%d deduction(s) failed; the consumer is reminded, and the"
                                    + " next retry is %d day(s) after the last failure", failed, retryAfterDays));
                    d.actions.add(DeductionAction.REMIND_CONSUMER);
                    d.plan = plan(policy, failed, lastFailed, null, advanced, true);
                }
            } else {
                d.decide("Retries exhausted: the debt is overdue", DeductionOutcome.OVERDUE, "RETRIES_EXHAUSTED",
                        String.format("%d deduction(s) failed and no retry is left: the debt is overdue, reported, and"
                                + " the consumer's pay-after-use eligibility revoked", failed));
                d.actions.add(DeductionAction.MARK_OVERDUE);
                d.actions.add(DeductionAction.REPORT_OVERDUE);
                d.actions.add(DeductionAction.REVOKE_ELIGIBILITY);
                d.plan = plan(policy, failed, lastFailed, null, advanced, true);
            }
            if (policy.platformGuarantees) {
                if (!advanced) {
                    d.fired.add("Platform advances the merchant's settlement on the first failure");
                    d.actions.add(DeductionAction.ADVANCE_MERCHANT_SETTLEMENT);
                }
                d.fired.add("Platform carries the debt of a failed deduction");
                d.lossBearer = LossBearer.PLATFORM;
            } else {
                d.fired.add("Merchant carries the debt where the platform gives no guarantee");
                d.lossBearer = LossBearer.MERCHANT;
            }
        }

        DecisionTrace trace = new DecisionTrace(profile, version, d.fired);
        String problemCode = null;
        String problem = null;
        if (d.outcome == null) {
            problemCode = "NO_RULE_DECIDED";
            problem = "no rule decided what to do with this order; it is not charged automatically";
        } else if (d.decided.stream().distinct().count() > 1) {
            problemCode = "CONFLICTING_RULES";
            problem = "rules " + d.deciders + " decided different outcomes; it is not charged automatically";
        }
        if (problem != null) {
            List<Reason> reasons = new ArrayList<>();
            reasons.add(new Reason(problemCode, problem, ENGINE));
            reasons.addAll(d.notes);
            return new DeductionDecision(request.orderId(), DeductionOutcome.MANUAL_REVIEW, List.of(), Optional.empty(),
                    Optional.empty(), LossBearer.NONE, reasons, trace, DeductionPlan.none());
        }
        return new DeductionDecision(request.orderId(), d.outcome, List.copyOf(d.actions),
                d.outcome == DeductionOutcome.CHARGE ? Optional.of(d.charge) : Optional.empty(),
                d.outcome == DeductionOutcome.WAIT ? Optional.ofNullable(d.nextCheck) : Optional.empty(),
                d.lossBearer, d.notes, trace, d.plan == null ? DeductionPlan.none() : d.plan);
    }

    private static boolean reached(Instant now, Instant from, int days) {
        return !now.isBefore(daysAfter(from, days));
    }

    private static Instant daysAfter(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }

    private static void notAfterNow(String field, Instant value, Instant now) {
        if (value != null && value.isAfter(now)) {
            throw new InvalidRequestException(field, value, "is after the engine clock's now " + now);
        }
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    private static void fail(List<String> fired, List<Reason> failures, String rule, String code, String message) {
        fired.add(rule);
        failures.add(new Reason(code, message, rule));
    }

    private static List<Reason> refusal(List<Reason> failures) {
        if (failures.isEmpty()) {
            return List.of(new Reason("NOT_APPROVED", "no rule approved this request, so it is not approved", ENGINE));
        }
        return failures;
    }
}
