package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.ReturnState;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.eligibility.ScoreProvider;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every invariant of the request records (and the engine's "not after now" check on deductions) refuses a bad
 * request with an {@link InvalidRequestException} that names the field and the rejected value; the values just
 * inside every boundary are accepted.
 */
class RequestValidationTest {
    /** The engine clock's now. */
    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");
    static final Instant ORDERED = Instant.parse("2026-03-01T02:00:00Z");
    static final Instant SHIPPED = ORDERED.plus(Duration.ofDays(1));
    static final Instant DELIVERED = ORDERED.plus(Duration.ofDays(2));
    static final Instant CONFIRMED = ORDERED.plus(Duration.ofDays(3));
    static final Instant BEFORE_ORDERED = ORDERED.minusSeconds(1);

    static PayAfterEngine engine;

    @BeforeAll
    static void engine() {
        engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    // ---- valid parts the bad requests are built from ------------------------------------------------------------

    static BigDecimal yuan(String value) {
        return new BigDecimal(value);
    }

    static Consumer consumer() {
        return Consumer.inGoodStanding("consumer-1", yuan("5000.00"), CreditScore.zhima(700));
    }

    static Merchant merchant() {
        return Merchant.enabled("merchant-1");
    }

    static EligibilityRequest eligibility(BigDecimal amount) {
        return new EligibilityRequest("order-1", Scenario.ECOMMERCE_GOODS, amount, true, consumer(), merchant());
    }

    static Consumer consumerWithCredit(BigDecimal availableCredit) {
        return new Consumer("consumer-1", List.of(CreditScore.zhima(700)), RiskAssessment.PASSED, false, 0,
                availableCredit);
    }

    static Buyer buyer() {
        return Buyer.judgedByHost("buyer-1", true);
    }

    static RefundRequest refund(BigDecimal paid) {
        return new RefundRequest("order-1", buyer(), paid, ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false);
    }

    static DeductionRequest.Builder goods() {
        return DeductionRequest.builder("order-1", "consumer-1", OrderKind.GOODS, yuan("100.00"), ORDERED);
    }

    static DeductionRequest.Builder service() {
        return DeductionRequest.builder("order-1", "consumer-1", OrderKind.SERVICE, yuan("100.00"), ORDERED);
    }

    /** A deduction request through the canonical constructor, for the fields the builder always fills. */
    static DeductionRequest deduction(ReturnState returnState, List<Instant> failedAttempts) {
        return new DeductionRequest("order-1", "consumer-1", OrderKind.GOODS, yuan("100.00"), ORDERED, SHIPPED,
                DELIVERED, null, false, returnState, null, failedAttempts, false);
    }

    static Arguments bad(String description, ThrowingCallable request, String field, String value) {
        return arguments(description, request, field, value);
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                // ids: null and blank
                bad("eligibility order id null", () -> new EligibilityRequest(null, Scenario.ECOMMERCE_GOODS,
                        yuan("1.00"), true, consumer(), merchant()), "EligibilityRequest.orderId", null),
                bad("eligibility order id blank", () -> new EligibilityRequest("  ", Scenario.ECOMMERCE_GOODS,
                        yuan("1.00"), true, consumer(), merchant()), "EligibilityRequest.orderId", "  "),
                bad("consumer id null", () -> Consumer.inGoodStanding(null, yuan("1.00")), "Consumer.id", null),
                bad("consumer id blank", () -> Consumer.inGoodStanding("", yuan("1.00")), "Consumer.id", ""),
                bad("merchant id null", () -> Merchant.enabled(null), "Merchant.id", null),
                bad("merchant id blank", () -> Merchant.enabled(" \t"), "Merchant.id", " \\t"), // shown escaped
                bad("buyer id null", () -> Buyer.judgedByHost(null, true), "Buyer.id", null),
                bad("buyer id blank", () -> Buyer.judgedByHost(" ", true), "Buyer.id", " "),
                bad("refund order id null", () -> new RefundRequest(null, buyer(), yuan("1.00"),
                        ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false), "RefundRequest.orderId", null),
                bad("refund order id blank", () -> new RefundRequest("   ", buyer(), yuan("1.00"),
                        ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false), "RefundRequest.orderId", "   "),
                bad("deduction order id null", () -> DeductionRequest.builder(null, "c", OrderKind.GOODS,
                        yuan("1.00"), ORDERED).build(), "DeductionRequest.orderId", null),
                bad("deduction order id blank", () -> DeductionRequest.builder("", "c", OrderKind.GOODS,
                        yuan("1.00"), ORDERED).build(), "DeductionRequest.orderId", ""),
                bad("deduction consumer id null", () -> DeductionRequest.builder("o", null, OrderKind.GOODS,
                        yuan("1.00"), ORDERED).build(), "DeductionRequest.consumerId", null),
                bad("deduction consumer id blank", () -> DeductionRequest.builder("o", " ", OrderKind.GOODS,
                        yuan("1.00"), ORDERED).build(), "DeductionRequest.consumerId", " "),

                // required parts and enums
                bad("scenario null", () -> new EligibilityRequest("o", null, yuan("1.00"), true, consumer(),
                        merchant()), "EligibilityRequest.scenario", null),
                bad("eligibility amount null", () -> eligibility(null), "EligibilityRequest.amount", null),
                bad("consumer null", () -> new EligibilityRequest("o", Scenario.ECOMMERCE_GOODS, yuan("1.00"), true,
                        null, merchant()), "EligibilityRequest.consumer", null),
                bad("merchant null", () -> new EligibilityRequest("o", Scenario.ECOMMERCE_GOODS, yuan("1.00"), true,
                        consumer(), null), "EligibilityRequest.merchant", null),
                bad("score provider null", () -> new CreditScore(null, 600), "CreditScore.provider", null),
                bad("credit score list null", () -> new Consumer("c", null, RiskAssessment.PASSED, false, 0,
                        yuan("1.00")), "Consumer.creditScores", null),
                bad("credit score list with a null", () -> new Consumer("c",
                        Arrays.asList(CreditScore.zhima(600), null), RiskAssessment.PASSED, false, 0, yuan("1.00")),
                        "Consumer.creditScores[1]", null),
                bad("risk assessment null", () -> new Consumer("c", List.of(), null, false, 0, yuan("1.00")),
                        "Consumer.riskAssessment", null),
                bad("available credit null", () -> consumerWithCredit(null), "Consumer.availableCredit", null),
                bad("refund buyer null", () -> new RefundRequest("o", null, yuan("1.00"), ShippingStatus.UNSHIPPED,
                        CategoryType.PHYSICAL, false), "RefundRequest.buyer", null),
                bad("paid amount null", () -> refund(null), "RefundRequest.paidAmount", null),
                bad("shipping null", () -> new RefundRequest("o", buyer(), yuan("1.00"), null,
                        CategoryType.PHYSICAL, false), "RefundRequest.shipping", null),
                bad("category null", () -> new RefundRequest("o", buyer(), yuan("1.00"), ShippingStatus.UNSHIPPED,
                        null, false), "RefundRequest.category", null),
                bad("refund rate null", () -> new TradingHistory(1, null, 0), "TradingHistory.refundRatePercent",
                        null),
                bad("order kind null", () -> DeductionRequest.builder("o", "c", null, yuan("1.00"), ORDERED).build(),
                        "DeductionRequest.kind", null),
                bad("deduction amount null", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS, null, ORDERED)
                        .build(), "DeductionRequest.amount", null),
                bad("ordered at null", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS, yuan("1.00"), null)
                        .build(), "DeductionRequest.orderedAt", null),
                bad("return state null", () -> deduction(null, List.of()), "DeductionRequest.returnState", null),
                bad("failed attempts null", () -> deduction(ReturnState.NONE, null),
                        "DeductionRequest.failedAttempts", null),
                bad("failed attempts with a null", () -> goods().deliveredAt(DELIVERED).failedAttempt(CONFIRMED)
                        .failedAttempt(null).build(), "DeductionRequest.failedAttempts[1]", null),

                // money: negative
                bad("eligibility amount negative", () -> eligibility(yuan("-1.00")), "EligibilityRequest.amount",
                        "-1.00"),
                bad("available credit negative", () -> consumerWithCredit(yuan("-0.01")), "Consumer.availableCredit",
                        "-0.01"),
                bad("paid amount negative", () -> refund(yuan("-0.01")), "RefundRequest.paidAmount", "-0.01"),
                bad("deduction amount negative", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        yuan("-5"), ORDERED).build(), "DeductionRequest.amount", "-5"),
                bad("actual fee negative", () -> service().actualFee(yuan("-0.01")).build(),
                        "DeductionRequest.actualFee", "-0.01"),

                // money: more than 2 decimal places
                bad("eligibility amount 3 decimals", () -> eligibility(yuan("100.001")), "EligibilityRequest.amount",
                        "100.001"),
                bad("available credit 3 decimals", () -> consumerWithCredit(yuan("100.001")),
                        "Consumer.availableCredit", "100.001"),
                bad("paid amount 3 decimals", () -> refund(yuan("100.001")), "RefundRequest.paidAmount", "100.001"),
                bad("deduction amount 3 decimals", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        yuan("100.001"), ORDERED).build(), "DeductionRequest.amount", "100.001"),
                bad("actual fee 3 decimals", () -> service().actualFee(yuan("100.001")).build(),
                        "DeductionRequest.actualFee", "100.001"),

                // money: zero where more than 0 is required
                bad("eligibility amount zero", () -> eligibility(yuan("0.00")), "EligibilityRequest.amount", "0.00"),
                bad("deduction amount zero", () -> DeductionRequest.builder("o", "c", OrderKind.GOODS, yuan("0"),
                        ORDERED).build(), "DeductionRequest.amount", "0"),

                // scores: outside each provider's range, on both sides
                bad("zhima 349", () -> CreditScore.zhima(349), "CreditScore.value", "349"),
                bad("zhima 951", () -> CreditScore.zhima(951), "CreditScore.value", "951"),
                bad("wechat pay score 299", () -> CreditScore.wechatPayScore(299), "CreditScore.value", "299"),
                bad("wechat pay score 851", () -> CreditScore.wechatPayScore(851), "CreditScore.value", "851"),
                bad("jd xiaobai -1", () -> CreditScore.jdXiaobai(-1), "CreditScore.value", "-1"),
                bad("jd xiaobai 1001", () -> CreditScore.jdXiaobai(1001), "CreditScore.value", "1001"),
                bad("two zhima scores", () -> Consumer.inGoodStanding("c", yuan("1.00"), CreditScore.zhima(600),
                        CreditScore.zhima(700)), "Consumer.creditScores", "[ZHIMA 600, ZHIMA 700]"),
                bad("two wechat pay scores apart", () -> Consumer.inGoodStanding("c", yuan("1.00"),
                        CreditScore.wechatPayScore(600), CreditScore.zhima(600), CreditScore.wechatPayScore(601)),
                        "Consumer.creditScores", "[WECHAT_PAY_SCORE 600, ZHIMA 600, WECHAT…(3 items)"), // bounded

                // counts and rates
                bad("overdue orders negative", () -> new Consumer("c", List.of(), RiskAssessment.PASSED, false, -1,
                        yuan("1.00")), "Consumer.overdueUnpaidOrders", "-1"),
                bad("completed orders negative", () -> new TradingHistory(-1, BigDecimal.ZERO, 0),
                        "TradingHistory.completedOrders", "-1"),
                bad("disputes negative", () -> new TradingHistory(0, BigDecimal.ZERO, -3), "TradingHistory.disputes",
                        "-3"),
                bad("refund rate below 0", () -> new TradingHistory(0, yuan("-0.01"), 0),
                        "TradingHistory.refundRatePercent", "-0.01"),
                bad("refund rate above 100", () -> new TradingHistory(0, yuan("100.01"), 0),
                        "TradingHistory.refundRatePercent", "100.01"),

                // buyer, merchant
                bad("buyer with neither premium nor history", () -> new Buyer("b", null, null, false),
                        "Buyer.premium", null),
                bad("merchant minimum -1", () -> Merchant.enabledWithMinimum("m", -1), "Merchant.minimumScore", "-1"),
                bad("merchant minimum 1001", () -> new Merchant("m", false, 1001), "Merchant.minimumScore", "1001"),

                // deduction: time order
                bad("shipped before ordered", () -> goods().shippedAt(BEFORE_ORDERED).build(),
                        "DeductionRequest.shippedAt", BEFORE_ORDERED.toString()),
                bad("delivered before ordered", () -> goods().deliveredAt(BEFORE_ORDERED).build(),
                        "DeductionRequest.deliveredAt", BEFORE_ORDERED.toString()),
                bad("confirmed before ordered", () -> goods().deliveredAt(DELIVERED).receiptConfirmedAt(BEFORE_ORDERED)
                        .build(), "DeductionRequest.receiptConfirmedAt", BEFORE_ORDERED.toString()),
                bad("delivered before shipped", () -> goods().shippedAt(DELIVERED).deliveredAt(SHIPPED).build(),
                        "DeductionRequest.deliveredAt", SHIPPED.toString()),
                bad("confirmed before delivered", () -> goods().deliveredAt(CONFIRMED).receiptConfirmedAt(DELIVERED)
                        .build(), "DeductionRequest.receiptConfirmedAt", DELIVERED.toString()),
                bad("confirmed without delivery", () -> goods().shippedAt(SHIPPED).receiptConfirmedAt(CONFIRMED)
                        .build(), "DeductionRequest.deliveredAt", null),
                bad("refunded before shipment but shipped", () -> goods().refundedBeforeShipment(true)
                        .shippedAt(SHIPPED).build(), "DeductionRequest.refundedBeforeShipment", "true"),
                bad("refunded before shipment but delivered", () -> goods().refundedBeforeShipment(true)
                        .deliveredAt(DELIVERED).build(), "DeductionRequest.refundedBeforeShipment", "true"),
                bad("failed attempts out of order", () -> goods().deliveredAt(DELIVERED)
                        .failedAttempt(CONFIRMED.plusSeconds(60)).failedAttempt(CONFIRMED).build(),
                        "DeductionRequest.failedAttempts[1]", CONFIRMED.toString()),
                bad("failed attempt before ordered", () -> service().actualFee(yuan("10.00"))
                        .failedAttempt(BEFORE_ORDERED).build(), "DeductionRequest.failedAttempts[0]",
                        BEFORE_ORDERED.toString()),
                bad("failed attempt on a refunded order", () -> goods().refundedBeforeShipment(true)
                        .failedAttempt(CONFIRMED).build(), "DeductionRequest.failedAttempts",
                        List.of(CONFIRMED).toString()),
                bad("failed attempt on undelivered goods", () -> goods().shippedAt(SHIPPED).failedAttempt(CONFIRMED)
                        .build(), "DeductionRequest.failedAttempts", List.of(CONFIRMED).toString()),
                bad("failed attempt before delivery of goods", () -> goods().shippedAt(SHIPPED).deliveredAt(CONFIRMED)
                        .failedAttempt(DELIVERED).build(), "DeductionRequest.failedAttempts[0]",
                        DELIVERED.toString()),
                bad("actual fee on goods", () -> goods().actualFee(yuan("10")).build(), "DeductionRequest.actualFee",
                        "10.00"),
                bad("return state on a service", () -> service().deliveredAt(DELIVERED)
                        .returnState(ReturnState.IN_PROGRESS).build(), "DeductionRequest.returnState", "IN_PROGRESS"),
                bad("return without delivery", () -> goods().shippedAt(SHIPPED).returnState(ReturnState.ARRIVED_INTACT)
                        .build(), "DeductionRequest.returnState", "ARRIVED_INTACT"),
                bad("service with a failed attempt and no actual fee", () -> service().failedAttempt(DELIVERED).build(),
                        "DeductionRequest.actualFee", null),
                bad("service with a failed attempt and a zero actual fee", () -> service().actualFee(yuan("0"))
                        .failedAttempt(DELIVERED).build(), "DeductionRequest.actualFee", "0.00"),

                // the engine: no time after the clock's now
                bad("ordered after now", () -> engine.decide(DeductionRequest.builder("o", "c", OrderKind.GOODS,
                        yuan("1.00"), NOW.plusSeconds(1)).build()), "DeductionRequest.orderedAt",
                        NOW.plusSeconds(1).toString()),
                bad("shipped after now", () -> engine.decide(goods().shippedAt(NOW.plusSeconds(1)).build()),
                        "DeductionRequest.shippedAt", NOW.plusSeconds(1).toString()),
                bad("delivered after now", () -> engine.decide(goods().shippedAt(SHIPPED)
                        .deliveredAt(NOW.plus(Duration.ofDays(1))).build()), "DeductionRequest.deliveredAt",
                        NOW.plus(Duration.ofDays(1)).toString()),
                bad("confirmed after now", () -> engine.decide(goods().deliveredAt(DELIVERED)
                        .receiptConfirmedAt(NOW.plusMillis(1)).build()), "DeductionRequest.receiptConfirmedAt",
                        NOW.plusMillis(1).toString()),
                bad("last failed attempt after now", () -> engine.decide(goods().deliveredAt(DELIVERED)
                        .failedAttempt(CONFIRMED).failedAttempt(NOW.plusSeconds(3600)).build()),
                        "DeductionRequest.failedAttempts[1]", NOW.plusSeconds(3600).toString()),
                bad("service fee attempt after now", () -> engine.decide(service().actualFee(yuan("12.50"))
                        .failedAttempt(NOW.plusSeconds(60)).build()), "DeductionRequest.failedAttempts[0]",
                        NOW.plusSeconds(60).toString()));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidRequests")
    void refusesTheRequestNamingFieldAndValue(String description, ThrowingCallable request, String field,
            String value) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, request);

        assertThat(e).as("%s is refused as an invalid request", description).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith(field + ": ").contains(value == null ? "null" : value);
    }

    // ---- just inside the boundaries: accepted -------------------------------------------------------------------

    @Test
    void moneyWithTrailingZerosIsAcceptedAtScale2() {
        assertThat(refund(yuan("300.000")).paidAmount()).isEqualTo(yuan("300.00")).hasScaleOf(2);
        assertThat(eligibility(yuan("300.000")).amount()).isEqualTo(yuan("300.00")).hasScaleOf(2);
        assertThat(consumerWithCredit(yuan("300.000")).availableCredit()).isEqualTo(yuan("300.00")).hasScaleOf(2);
        assertThat(DeductionRequest.builder("o", "c", OrderKind.GOODS, yuan("300.000"), ORDERED).build().amount())
                .isEqualTo(yuan("300.00")).hasScaleOf(2);
        assertThat(service().actualFee(yuan("300.000")).build().actualFee()).isEqualTo(yuan("300.00"))
                .hasScaleOf(2);
        assertThat(refund(yuan("7")).paidAmount()).isEqualTo(yuan("7.00")).hasScaleOf(2);
    }

    @Test
    void zeroIsAcceptedWhereMoneyMayBeZero() {
        assertThat(refund(yuan("0.00")).paidAmount()).isEqualTo(yuan("0.00")).hasScaleOf(2);
        assertThat(consumerWithCredit(BigDecimal.ZERO).availableCredit()).isEqualTo(yuan("0.00"));
        assertThat(service().actualFee(yuan("0")).build().actualFee()).isEqualTo(yuan("0.00"));
        assertThat(eligibility(yuan("0.01")).amount()).isEqualTo(yuan("0.01"));
    }

    @Test
    void scoresAtEachEndOfTheProvidersRangeAreAccepted() {
        assertThat(CreditScore.zhima(350).value()).isEqualTo(350);
        assertThat(CreditScore.zhima(950).value()).isEqualTo(950);
        for (ScoreProvider provider : ScoreProvider.values()) {
            assertThatCode(() -> new CreditScore(provider, provider.minimum())).doesNotThrowAnyException();
            assertThatCode(() -> new CreditScore(provider, provider.maximum())).doesNotThrowAnyException();
        }
        Consumer oneOfEach = Consumer.inGoodStanding("c", yuan("1.00"), CreditScore.zhima(350),
                CreditScore.wechatPayScore(850), CreditScore.jdXiaobai(0));
        assertThat(oneOfEach.creditScores()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1000})
    void merchantMinimumAtEachEndIsAccepted(int minimum) {
        assertThat(Merchant.enabledWithMinimum("m", minimum).ownMinimumScore()).contains(minimum);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "100.00", "20.5"})
    void refundRatesFrom0To100AreAccepted(String rate) {
        assertThat(new TradingHistory(0, yuan(rate), 0).refundRatePercent()).isEqualByComparingTo(rate);
    }

    @Test
    void equalTimestampsAreAccepted() {
        DeductionRequest deliveredAsOrdered = goods().deliveredAt(ORDERED).build();
        assertThat(deliveredAsOrdered.deliveredAt()).isEqualTo(deliveredAsOrdered.orderedAt());

        DeductionRequest allAtOnce = goods().shippedAt(ORDERED).deliveredAt(ORDERED).receiptConfirmedAt(ORDERED)
                .failedAttempt(ORDERED).failedAttempt(ORDERED).build();
        assertThat(allAtOnce.failedAttempts()).containsExactly(ORDERED, ORDERED);

        DeductionRequest serviceAtOrder = service().actualFee(yuan("1.00")).failedAttempt(ORDERED).build();
        assertThat(serviceAtOrder.lastFailedAttempt()).contains(ORDERED);
    }

    @Test
    void theEngineDecidesTimesAtExactlyItsNow() {
        DeductionRequest atNow = DeductionRequest.builder("o", "c", OrderKind.GOODS, yuan("100.00"), ORDERED)
                .shippedAt(NOW).deliveredAt(NOW).receiptConfirmedAt(NOW).build();
        DeductionDecision decision = engine.decide(atNow);
        assertThat(decision.outcome()).isEqualTo(DeductionOutcome.CHARGE);
        assertThat(decision.chargeAmount()).contains(yuan("100.00"));

        DeductionRequest orderedNow = DeductionRequest.builder("o", "c", OrderKind.GOODS, yuan("1.00"), NOW).build();
        assertThat(engine.decide(orderedNow).outcome()).isEqualTo(DeductionOutcome.WAIT);
    }
}
