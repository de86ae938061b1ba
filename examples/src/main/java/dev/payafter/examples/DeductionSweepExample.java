package dev.payafter.examples;

import dev.payafter.PayAfterEngine;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.ReturnState;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A payment service's sweep: at a fixed time it asks, for each open order, what to do with its payment, and
 * prints the outcome, the actions and who carries the money. Time comes from the engine's clock, never the wall.
 */
public final class DeductionSweepExample {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final PayAfterEngine engine;
    private final Instant now;

    public DeductionSweepExample(PayAfterEngine engine, Instant now) {
        this.engine = engine.withClock(Clock.fixed(now, SHANGHAI));
        this.now = now;
    }

    public static void main(String[] args) {
        Instant now = OffsetDateTime.parse("2026-03-11T10:00+08:00").toInstant();
        new DeductionSweepExample(PayAfterEngine.builder().profile("kuaishou").build(), now).run(System.out);
    }

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    public void run(PrintStream out) {
        BigDecimal price = new BigDecimal("128.00");
        Instant ordered = at("2026-02-27T09:00+08:00");
        List<Sweep> sweep = List.of(
                new Sweep("kuaishou", DeductionRequest.builder("order-3001", "frank", OrderKind.GOODS, price, ordered)
                        .shippedAt(at("2026-02-28T09:00+08:00")).deliveredAt(at("2026-03-01T10:00+08:00")).build()),
                new Sweep("kuaishou", DeductionRequest.builder("order-3002", "grace", OrderKind.GOODS, price, ordered)
                        .shippedAt(at("2026-02-28T09:00+08:00")).deliveredAt(at("2026-03-01T10:00:01+08:00")).build()),
                new Sweep("kuaishou", DeductionRequest.builder("order-3003", "heidi", OrderKind.GOODS, price, ordered)
                        .shippedAt(at("2026-02-28T09:00+08:00")).deliveredAt(at("2026-03-01T10:00+08:00"))
                        .receiptConfirmedAt(at("2026-03-02T08:00+08:00"))
                        .failedAttempt(at("2026-03-02T08:00+08:00")).failedAttempt(at("2026-03-03T08:00+08:00"))
                        .failedAttempt(at("2026-03-06T08:00+08:00")).failedAttempt(at("2026-03-10T08:00+08:00"))
                        .merchantSettlementAdvanced(true).build()),
                new Sweep("tmall", DeductionRequest.builder("order-3004", "ivan", OrderKind.GOODS, price, ordered)
                        .shippedAt(at("2026-02-28T09:00+08:00")).deliveredAt(at("2026-03-04T10:00+08:00"))
                        .returnState(ReturnState.ARRIVED_INTACT).build()),
                new Sweep("wechat-pay-score", DeductionRequest.builder("order-3005", "judy", OrderKind.SERVICE,
                        new BigDecimal("30.00"), ordered).actualFee(new BigDecimal("12.50")).build()));
        out.println("== deduction sweep at " + now.atZone(SHANGHAI).toOffsetDateTime());
        for (Sweep item : sweep) {
            DeductionDecision decision = engine.withProfile(item.profile()).decide(item.request());
            out.printf("%s [%s] %s%s%s actions=%s loss=%s (%s)%n", item.request().orderId(), item.profile(),
                    decision.outcome(),
                    decision.chargeAmount().map(a -> " " + a.toPlainString() + " yuan").orElse(""),
                    decision.nextCheckAt().map(t -> " until " + t.atZone(SHANGHAI).toOffsetDateTime()).orElse(""),
                    decision.actions(), decision.lossBearer(), String.join(", ", decision.reasonCodes()));
        }
    }

    private record Sweep(String profile, DeductionRequest request) {
    }
}
