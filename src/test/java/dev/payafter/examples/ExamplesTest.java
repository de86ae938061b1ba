package dev.payafter.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples are host programs; this runs each one and checks the decisions it prints. */
class ExamplesTest {
    static PayAfterEngine engine;

    @BeforeAll
    static void bundled() {
        engine = PayAfterEngine.builder().profile("tmall").build();
    }

    private static String output(Consumer<PrintStream> program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        program.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkoutOffersPayAfterUseAtZhima550AndExplainsRefusals() {
        String out = output(new CheckoutExample(engine)::run);
        assertThat(out).contains("order-1001 alice: ELIGIBLE, order for 0 yuan now, freeze 199.00 yuan")
                .contains("order-1002 bob: INELIGIBLE, pay now: SCORE_BELOW_MINIMUM (ZHIMA score 549 is below the minimum 550)")
                .contains("order-1003 carol: INELIGIBLE").contains("OVERDUE_UNPAID_ORDERS").contains("INSUFFICIENT_CREDIT");
    }

    @Test
    void refundDeskApprovesUnder300AndSendsTheRestToTheMerchant() {
        String out = output(new RefundDeskExample(engine)::run);
        assertThat(out)
                .contains("order-2001 paid 299.99: AUTO_APPROVED, notice: 该用户为平台优质用户且订单满足极速退款条件,平台已自动审核通过卖家发货前仅退款申请")
                .contains("order-2002 paid 300.00: MANUAL_REVIEW, PAID_AMOUNT_NOT_UNDER_LIMIT")
                .contains("order-2003 paid 59.00: MANUAL_REVIEW, ORDER_SHIPPED, CATEGORY_EXCLUDED")
                .contains("order-2004 paid 19.90: MANUAL_REVIEW, NOT_PREMIUM_BUYER, BUYER_REVOKED");
    }

    @Test
    void deductionSweepChargesWaitsAndMarksOverdue() {
        Instant now = OffsetDateTime.parse("2026-03-11T10:00+08:00").toInstant();
        String out = output(new DeductionSweepExample(engine, now)::run);
        assertThat(out).contains("order-3001 [kuaishou] CHARGE 128.00 yuan actions=[DEDUCT] loss=NONE (RECEIPT_AUTO_CONFIRMED)")
                .contains("order-3002 [kuaishou] WAIT until 2026-03-11T10:00:01+08:00 actions=[] loss=NONE")
                .contains("order-3003 [kuaishou] OVERDUE actions=[MARK_OVERDUE, REPORT_OVERDUE, REVOKE_ELIGIBILITY] loss=PLATFORM")
                .contains("order-3004 [tmall] NO_CHARGE actions=[RELEASE_FROZEN_CREDIT]")
                .contains("order-3005 [wechat-pay-score] CHARGE 12.50 yuan actions=[DEDUCT]");
    }

    @Test
    void theDemoPrintsAllThreeDecisionKindsFromTheBundledRules() {
        String out = output(Demo::run);
        assertThat(out).startsWith("payafter demo: bundled rule set " + engine.ruleSet().version())
                .contains("== checkout").contains("== refund desk").contains("== deduction sweep");
    }
}
