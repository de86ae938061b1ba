package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documented behaviour at money and time boundaries. Money: yuan to the fen; trailing zeros are accepted
 * ({@code 300.000} is {@code 300.00}), a third significant decimal is refused; "under 300" is strict. Time: a
 * day is 24 hours from the instant given, so "10 days after delivery" is the same instant whatever the clock's
 * zone; only effective dates (calendar days) use the clock's zone (see EffectiveDatesTest).
 */
class MoneyAndTimeBoundariesTest {
    static PayAfterEngine engine;

    @BeforeAll
    static void bundled() {
        engine = PayAfterEngine.builder().profile("kuaishou").build();
    }

    private static RefundRequest paid(String amount) {
        return new RefundRequest("o-1", Buyer.judgedByHost("b-1", true), new BigDecimal(amount),
                ShippingStatus.UNSHIPPED, CategoryType.PHYSICAL, false);
    }

    @ParameterizedTest(name = "paid {0} -> {1}")
    @CsvSource({"0.01, AUTO_APPROVED", "299.99, AUTO_APPROVED", "299.990, AUTO_APPROVED", "300, MANUAL_REVIEW",
        "300.0, MANUAL_REVIEW", "300.00, MANUAL_REVIEW", "300.000, MANUAL_REVIEW", "300.01, MANUAL_REVIEW",
        "0, AUTO_APPROVED"})
    void fastRefundIsForPaidAmountsStrictlyUnder300(String amount, RefundOutcome outcome) {
        assertThat(engine.decide(paid(amount)).outcome()).isEqualTo(outcome);
        assertThat(paid(amount).paidAmount().scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "paid {0} is refused")
    @CsvSource({"299.999", "300.001", "0.001", "-0.01"})
    void aThirdSignificantDecimalOrANegativeAmountIsRefused(String amount) {
        assertThatThrownBy(() -> paid(amount)).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("RefundRequest.paidAmount: \"" + amount + "\"");
    }

    private static DeductionDecision deliveredAt(String delivered, Instant now, ZoneId zone) {
        Instant at = OffsetDateTime.parse(delivered).toInstant();
        DeductionRequest request = DeductionRequest.builder("o-2", "c-2", OrderKind.GOODS, new BigDecimal("88.00"),
                at.minus(Duration.ofDays(2))).shippedAt(at.minus(Duration.ofDays(1))).deliveredAt(at).build();
        return engine.withClock(Clock.fixed(now, zone)).decide(request);
    }

    @Test
    void autoConfirmationIsExactlyTenTimes24HoursAfterDeliveryInAnyZone() {
        String delivered = "2026-03-01T23:30+08:00"; // 15:30 UTC: a different calendar day in UTC
        Instant due = OffsetDateTime.parse("2026-03-11T23:30+08:00").toInstant();
        for (ZoneId zone : new ZoneId[] {ZoneId.of("Asia/Shanghai"), ZoneOffset.UTC}) {
            DeductionDecision before = deliveredAt(delivered, due.minusNanos(1), zone);
            assertThat(before.outcome()).as(zone.toString()).isEqualTo(DeductionOutcome.WAIT);
            assertThat(before.nextCheckAt()).as(zone.toString()).contains(due);
            DeductionDecision at = deliveredAt(delivered, due, zone);
            assertThat(at.outcome()).as(zone.toString()).isEqualTo(DeductionOutcome.CHARGE);
            assertThat(at.chargeAmount()).contains(new BigDecimal("88.00"));
        }
    }

    @Test
    void aDayIs24HoursEvenAcrossMidnightInShanghai() {
        // delivered one minute before midnight in Shanghai: 9 days and 23:59 later is still before the 10 days
        String delivered = "2026-03-01T23:59+08:00";
        Instant nineDays2359 = OffsetDateTime.parse("2026-03-11T23:58+08:00").toInstant();
        assertThat(deliveredAt(delivered, nineDays2359, ZoneId.of("Asia/Shanghai")).outcome())
                .isEqualTo(DeductionOutcome.WAIT);
        assertThat(deliveredAt(delivered, nineDays2359.plus(Duration.ofMinutes(1)), ZoneId.of("Asia/Shanghai"))
                .outcome()).isEqualTo(DeductionOutcome.CHARGE);
    }
}
