package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated requests, valid and invalid, for every decision kind and profile. An independent oracle says which
 * fields of the generated values are invalid: a valid request must get a decision, an invalid one the
 * {@link InvalidRequestException} naming one of the invalid fields, and nothing else may ever be thrown.
 * Tries: {@code jqwik.tries.default} (2,000 in the default build, 100,000 with {@code -Psoak}).
 */
class GeneratedRequestsTest {
    static final Instant NOW = Instant.parse("2026-03-20T04:00:00Z");
    static final List<String> PROFILES = List.of("kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score", "alipay");
    static PayAfterEngine engine;

    @BeforeContainer
    static void bundled() {
        engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    // ---- money: valid at scale 0..2, or invalid (negative, a third decimal), or missing

    static Arbitrary<BigDecimal> money() {
        Arbitrary<BigDecimal> valid = Arbitraries.longs().between(0, 2_000_000)
                .flatMap(fen -> Arbitraries.of(0, 1, 2).map(scale -> new BigDecimal(fen).movePointLeft(2)
                        .setScale(Math.max(scale, new BigDecimal(fen).movePointLeft(2).stripTrailingZeros().scale()),
                                java.math.RoundingMode.UNNECESSARY)));
        Arbitrary<BigDecimal> boundary = Arbitraries.of("0", "0.00", "0.01", "299.99", "300", "300.00", "300.000",
                "300.01", "300.001", "-0.01", "-1", "299.999").map(BigDecimal::new);
        Arbitrary<BigDecimal> thirdDecimal = Arbitraries.longs().between(1, 99_999).filter(m -> m % 10 != 0)
                .map(m -> new BigDecimal(m).movePointLeft(3));
        Arbitrary<BigDecimal> negative = Arbitraries.longs().between(1, 100_000).map(f -> new BigDecimal(-f).movePointLeft(2));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(40, valid), net.jqwik.api.Tuple.of(4, boundary),
                net.jqwik.api.Tuple.of(1, thirdDecimal), net.jqwik.api.Tuple.of(1, negative),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    static boolean moneyOk(BigDecimal value) {
        return value != null && value.signum() >= 0 && value.stripTrailingZeros().scale() <= 2;
    }

    static Arbitrary<String> id() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(60, Arbitraries.strings().alpha().numeric().ofMinLength(1)
                        .ofMaxLength(12)), net.jqwik.api.Tuple.of(1, Arbitraries.of("", "  ")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    static boolean idOk(String id) {
        return id != null && !id.isBlank();
    }

    /** Runs {@code make} and checks it against the oracle's invalid fields. */
    static <T> void check(Set<String> invalid, java.util.function.Supplier<T> make) {
        Statistics.label("valid").collect(invalid.isEmpty());
        Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 15));
        Statistics.label("valid").coverage(c -> c.check(false).percentage(p -> p > 15));
        Object result;
        try {
            result = make.get();
        } catch (InvalidRequestException e) {
            assertThat(invalid).as("refused %s (%s), but the oracle finds it valid", e.field(), e.getMessage())
                    .isNotEmpty();
            assertThat(invalid).as("the refused field").contains(e.field().replaceAll("\\[\\d+]$", "[]"));
            assertThat(e.getMessage()).startsWith(e.field() + ": ");
            return;
        }
        assertThat(invalid).as("accepted, but the oracle finds these invalid").isEmpty();
        assertThat(result).isNotNull();
    }

    // ---- eligibility

    record EligibilityRaw(String profile, String orderId, Scenario scenario, BigDecimal amount, Integer zhima,
            Integer wechat, Integer xiaobai, RiskAssessment risk, int overdue, BigDecimal credit, Integer merchantMin,
            boolean enabled, String consumerId) {
    }

    @Provide
    Arbitrary<EligibilityRaw> eligibility() {
        Arbitrary<Integer> zhima = Arbitraries.integers().between(345, 955).injectNull(0.2);
        Arbitrary<Integer> wechat = Arbitraries.integers().between(295, 855).injectNull(0.5);
        Arbitrary<Integer> xiaobai = Arbitraries.integers().between(-3, 1003).injectNull(0.5);
        return Combinators.combine(List.of(Arbitraries.of(PROFILES).map(o -> (Object) o), id().map(o -> (Object) o),
                Arbitraries.of(Scenario.class).injectNull(0.02).map(o -> (Object) o), money().map(o -> (Object) o),
                zhima.map(o -> (Object) o), wechat.map(o -> (Object) o), xiaobai.map(o -> (Object) o),
                Arbitraries.of(RiskAssessment.class).map(o -> (Object) o),
                Arbitraries.of(-1, 0, 0, 0, 0, 0, 0, 1, 2).map(o -> (Object) o), money().map(o -> (Object) o),
                Arbitraries.integers().between(-2, 1002).injectNull(0.6).map(o -> (Object) o),
                Arbitraries.of(true, true, true, false).map(o -> (Object) o), id().map(o -> (Object) o)))
                .as(v -> new EligibilityRaw((String) v.get(0), (String) v.get(1), (Scenario) v.get(2),
                        (BigDecimal) v.get(3), (Integer) v.get(4), (Integer) v.get(5), (Integer) v.get(6),
                        (RiskAssessment) v.get(7), (Integer) v.get(8), (BigDecimal) v.get(9), (Integer) v.get(10),
                        (Boolean) v.get(11), (String) v.get(12)));
    }

    static Set<String> invalid(EligibilityRaw r) {
        Set<String> invalid = new LinkedHashSet<>();
        if (!idOk(r.orderId())) invalid.add("EligibilityRequest.orderId");
        if (r.scenario() == null) invalid.add("EligibilityRequest.scenario");
        if (!moneyOk(r.amount()) || r.amount().signum() == 0) invalid.add("EligibilityRequest.amount");
        if (out(ScoreProvider.ZHIMA, r.zhima()) || out(ScoreProvider.WECHAT_PAY_SCORE, r.wechat())
                || out(ScoreProvider.JD_XIAOBAI, r.xiaobai())) invalid.add("CreditScore.value");
        if (r.overdue() < 0) invalid.add("Consumer.overdueUnpaidOrders");
        if (!moneyOk(r.credit())) invalid.add("Consumer.availableCredit");
        if (r.merchantMin() != null && (r.merchantMin() < 0 || r.merchantMin() > 1000)) invalid.add("Merchant.minimumScore");
        if (!idOk(r.consumerId())) invalid.add("Consumer.id");
        return invalid;
    }

    static boolean out(ScoreProvider provider, Integer score) {
        return score != null && !provider.accepts(score);
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void everyGeneratedEligibilityRequestGetsADecisionOrNamesItsBadField(@ForAll("eligibility") EligibilityRaw r) {
        check(invalid(r), () -> {
            List<CreditScore> scores = new ArrayList<>();
            if (r.zhima() != null) scores.add(new CreditScore(ScoreProvider.ZHIMA, r.zhima()));
            if (r.wechat() != null) scores.add(new CreditScore(ScoreProvider.WECHAT_PAY_SCORE, r.wechat()));
            if (r.xiaobai() != null) scores.add(new CreditScore(ScoreProvider.JD_XIAOBAI, r.xiaobai()));
            EligibilityRequest request = new EligibilityRequest(r.orderId(), r.scenario(), r.amount(), true,
                    new Consumer(r.consumerId(), scores, r.risk(), false, r.overdue(), r.credit()),
                    new Merchant("m-1", r.enabled(), r.merchantMin()));
            EligibilityDecision d = engine.withProfile(r.profile()).decide(request);
            assertThat(d.reasons()).as("a decision always says why").isNotEmpty();
            assertThat(d.reasonCodes()).doesNotContain("RULE_ERROR", "RULE_FIRE_LIMIT");
            return d;
        });
    }

    // ---- refund

    record RefundRaw(String profile, String orderId, Boolean premium, Integer completed, BigDecimal rate,
            Integer disputes, BigDecimal paid, ShippingStatus shipping, CategoryType category, String buyerId) {
    }

    @Provide
    Arbitrary<RefundRaw> refunds() {
        Arbitrary<BigDecimal> rate = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal(100)).ofScale(2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("-0.01", "100.01", "150").map(BigDecimal::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(List.of(Arbitraries.of(PROFILES).map(o -> (Object) o), id().map(o -> (Object) o),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.5).map(o -> (Object) o),
                Arbitraries.integers().between(-1, 40).injectNull(0.3).map(o -> (Object) o), rate.map(o -> (Object) o),
                Arbitraries.integers().between(-1, 3).map(o -> (Object) o), money().map(o -> (Object) o),
                Arbitraries.of(ShippingStatus.class).injectNull(0.02).map(o -> (Object) o),
                Arbitraries.of(CategoryType.class).map(o -> (Object) o), id().map(o -> (Object) o)))
                .as(v -> new RefundRaw((String) v.get(0), (String) v.get(1), (Boolean) v.get(2), (Integer) v.get(3),
                        (BigDecimal) v.get(4), (Integer) v.get(5), (BigDecimal) v.get(6), (ShippingStatus) v.get(7),
                        (CategoryType) v.get(8), (String) v.get(9)));
    }

    /** The history is given when {@code completed} is; its rate and disputes are checked only then. */
    static Set<String> invalid(RefundRaw r) {
        Set<String> invalid = new LinkedHashSet<>();
        if (!idOk(r.orderId())) invalid.add("RefundRequest.orderId");
        if (!idOk(r.buyerId())) invalid.add("Buyer.id");
        if (r.completed() != null) {
            if (r.completed() < 0) invalid.add("TradingHistory.completedOrders");
            if (r.rate() == null || r.rate().signum() < 0 || r.rate().compareTo(new BigDecimal(100)) > 0) {
                invalid.add("TradingHistory.refundRatePercent");
            }
            if (r.disputes() < 0) invalid.add("TradingHistory.disputes");
        } else if (r.premium() == null) {
            invalid.add("Buyer.premium");
        }
        if (!moneyOk(r.paid())) invalid.add("RefundRequest.paidAmount");
        if (r.shipping() == null) invalid.add("RefundRequest.shipping");
        return invalid;
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void everyGeneratedRefundRequestGetsADecisionOrNamesItsBadField(@ForAll("refunds") RefundRaw r) {
        check(invalid(r), () -> {
            TradingHistory history = r.completed() == null ? null
                    : new TradingHistory(r.completed(), r.rate(), r.disputes());
            RefundRequest request = new RefundRequest(r.orderId(), new Buyer(r.buyerId(), r.premium(), history, false),
                    r.paid(), r.shipping(), r.category(), false);
            RefundDecision d = engine.withProfile(r.profile()).decide(request);
            assertThat(d.reasons()).isNotEmpty();
            assertThat(d.autoApproved()).as("only kuaishou refunds fast")
                    .isEqualTo(d.autoApproved() && r.profile().equals("kuaishou"));
            if (d.autoApproved()) {
                assertThat(request.paidAmount()).isLessThan(new BigDecimal("300.00"));
                assertThat(request.shipping()).isEqualTo(ShippingStatus.UNSHIPPED);
                assertThat(request.category()).isEqualTo(CategoryType.PHYSICAL);
            }
            return d;
        });
    }

    // ---- deduction: times as hour offsets from the order, some after the clock's now

    record DeductionRaw(String profile, OrderKind kind, BigDecimal amount, int orderedHoursAgo, Integer shipped,
            Integer delivered, Integer confirmed, boolean refunded, ReturnState returnState, BigDecimal fee,
            List<Integer> failures) {
    }

    @Provide
    Arbitrary<DeductionRaw> deductions() {
        // times in hours after the order: mostly in order (shipped <= delivered <= confirmed <= failures <= now),
        // sometimes out of order, before the order, or after the clock's now
        Arbitrary<List<Integer>> steps = Arbitraries.integers().between(0, 300).list().ofSize(4);
        Arbitrary<Integer> disorder = Arbitraries.frequency(net.jqwik.api.Tuple.of(12, 0), net.jqwik.api.Tuple.of(1, 1),
                net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 3), net.jqwik.api.Tuple.of(1, 4));
        Arbitrary<List<Boolean>> present = Arbitraries.of(true, true, false).list().ofSize(3);
        Arbitrary<List<Integer>> failureSteps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.<Integer>of())),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 200).list().ofMinSize(1).ofMaxSize(5)));
        return Combinators.combine(List.of(Arbitraries.of(PROFILES).map(o -> (Object) o),
                Arbitraries.of(OrderKind.class).map(o -> (Object) o), money().map(o -> (Object) o),
                steps.map(o -> (Object) o), present.map(o -> (Object) o), disorder.map(o -> (Object) o),
                failureSteps.map(o -> (Object) o),
                Arbitraries.of(false, false, false, true).map(o -> (Object) o),
                Arbitraries.of(ReturnState.NONE, ReturnState.NONE, ReturnState.NONE, ReturnState.IN_PROGRESS,
                        ReturnState.ARRIVED_INTACT, ReturnState.ARRIVED_DAMAGED).map(o -> (Object) o),
                money().injectNull(0.4).map(o -> (Object) o)))
                .as(v -> {
                    List<Integer> step = GeneratedRequestsTest.<Integer>unchecked(v.get(3));
                    List<Boolean> has = GeneratedRequestsTest.<Boolean>unchecked(v.get(4));
                    int mess = (Integer) v.get(5);
                    Integer shipped = step.get(0);
                    Integer delivered = shipped + step.get(1);
                    Integer confirmed = delivered + step.get(2);
                    if (mess == 1) { // delivered before shipped
                        Integer swap = shipped;
                        shipped = delivered;
                        delivered = swap;
                    } else if (mess == 2) {
                        shipped = -1; // before the order
                    }
                    List<Integer> failures = new ArrayList<>();
                    int at = confirmed;
                    for (Integer gap : GeneratedRequestsTest.<Integer>unchecked(v.get(6))) {
                        at += gap;
                        failures.add(at);
                    }
                    if (mess == 3 && !failures.isEmpty()) {
                        java.util.Collections.reverse(failures);
                    }
                    int last = Math.max(confirmed, failures.isEmpty() ? 0 : failures.get(failures.size() - 1));
                    int orderedHoursAgo = mess == 4 ? last - 1 : last + step.get(3);
                    return new DeductionRaw((String) v.get(0), (OrderKind) v.get(1), (BigDecimal) v.get(2),
                            orderedHoursAgo, has.get(0) ? shipped : null, has.get(1) || has.get(2) ? delivered : null,
                            has.get(2) ? confirmed : null, (Boolean) v.get(7), (ReturnState) v.get(8),
                            (BigDecimal) v.get(9), failures);
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> unchecked(Object list) {
        return (List<T>) list;
    }

    /** The request's own rules, written again from its documentation, plus the engine's "not after now". */
    static Set<String> invalid(DeductionRaw r) {
        Set<String> invalid = new LinkedHashSet<>();
        int now = r.orderedHoursAgo();
        if (!moneyOk(r.amount()) || r.amount().signum() == 0) invalid.add("DeductionRequest.amount");
        if (r.fee() != null && !moneyOk(r.fee())) invalid.add("DeductionRequest.actualFee");
        if (r.shipped() != null && r.shipped() < 0) invalid.add("DeductionRequest.shippedAt");
        if (r.delivered() != null && (r.delivered() < 0 || r.shipped() != null && r.delivered() < r.shipped())) {
            invalid.add("DeductionRequest.deliveredAt");
        }
        if (r.confirmed() != null && (r.confirmed() < 0 || r.delivered() != null && r.confirmed() < r.delivered())) {
            invalid.add("DeductionRequest.receiptConfirmedAt");
        }
        if (r.refunded() && (r.shipped() != null || r.delivered() != null)) invalid.add("DeductionRequest.refundedBeforeShipment");
        if (r.confirmed() != null && r.delivered() == null) invalid.add("DeductionRequest.deliveredAt");
        if (r.kind() == OrderKind.GOODS && r.fee() != null) invalid.add("DeductionRequest.actualFee");
        if (r.returnState() != ReturnState.NONE && (r.kind() != OrderKind.GOODS || r.delivered() == null)) {
            invalid.add("DeductionRequest.returnState");
        }
        List<Integer> f = r.failures();
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i) < (i == 0 ? 0 : f.get(i - 1))) invalid.add("DeductionRequest.failedAttempts[]");
        }
        if (!f.isEmpty()) {
            if (r.refunded()) invalid.add("DeductionRequest.failedAttempts");
            if (r.kind() == OrderKind.SERVICE && (r.fee() == null || r.fee().signum() == 0)) {
                invalid.add("DeductionRequest.actualFee");
            }
            if (r.kind() == OrderKind.GOODS && r.delivered() == null) invalid.add("DeductionRequest.failedAttempts");
            if (r.kind() == OrderKind.GOODS && r.delivered() != null && f.get(0) < r.delivered()) {
                invalid.add("DeductionRequest.failedAttempts[]");
            }
        }
        if (invalid.isEmpty()) { // the engine's check, made once the request itself is valid
            if (now < 0) invalid.add("DeductionRequest.orderedAt");
            for (String[] field : new String[][] {{"shippedAt"}, {"deliveredAt"}, {"receiptConfirmedAt"}}) {
                Integer at = switch (field[0]) {
                    case "shippedAt" -> r.shipped();
                    case "deliveredAt" -> r.delivered();
                    default -> r.confirmed();
                };
                if (at != null && at > now) invalid.add("DeductionRequest." + field[0]);
            }
            if (!f.isEmpty() && f.get(f.size() - 1) > now) invalid.add("DeductionRequest.failedAttempts[]");
        }
        return invalid;
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void everyGeneratedDeductionRequestGetsADecisionOrNamesItsBadField(@ForAll("deductions") DeductionRaw r) {
        Instant ordered = NOW.minus(Duration.ofHours(r.orderedHoursAgo()));
        check(invalid(r), () -> {
            DeductionRequest.Builder b = DeductionRequest.builder("o-1", "c-1", r.kind(), r.amount(), ordered)
                    .shippedAt(at(ordered, r.shipped())).deliveredAt(at(ordered, r.delivered()))
                    .receiptConfirmedAt(at(ordered, r.confirmed())).refundedBeforeShipment(r.refunded())
                    .returnState(r.returnState()).actualFee(r.fee());
            r.failures().forEach(h -> b.failedAttempt(at(ordered, h)));
            DeductionRequest request = b.build();
            DeductionDecision d = engine.withProfile(r.profile()).decide(request);
            assertThat(d.reasons()).isNotEmpty();
            assertThat(d.reasonCodes()).doesNotContain("RULE_ERROR", "RULE_FIRE_LIMIT", "CONFLICTING_RULES",
                    "NO_RULE_DECIDED");
            if (d.outcome() == DeductionOutcome.CHARGE) {
                assertThat(d.chargeAmount()).hasValueSatisfying(a -> assertThat(a).isLessThanOrEqualTo(request.amount()));
                assertThat(request.refundedBeforeShipment()).isFalse();
            }
            return d;
        });
    }

    private static Instant at(Instant ordered, Integer hours) {
        return hours == null ? null : ordered.plus(Duration.ofHours(hours));
    }
}
