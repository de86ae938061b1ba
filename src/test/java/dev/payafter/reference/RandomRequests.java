package dev.payafter.reference;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random valid requests of every kind, weighted towards the bundled rules' boundaries (scores at 299/300/301,
 * 549/550/551, 649/650/651, the merchant's own minimum; credit equal to the amount; 300.00 paid; 10 orders and
 * 20 % refunds; exactly 10 and 7 days after delivery, 1, 3 and 7 days after a failed deduction), so that every
 * rule fires on its own and together with the others. Every request is valid by construction (its constructor
 * accepts it); deduction times are at or before {@link #now()}.
 */
public final class RandomRequests {
    /** The six bundled profiles. */
    public static final List<String> PROFILES = List.of("kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score",
            "alipay");

    private static final int[] SCORE_EDGES = {300, 550, 650};
    private static final long DAY = 86_400;

    private final SplittableRandom random;
    private final Instant now;
    private long sequence;

    public RandomRequests(long seed, Instant now) {
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    /** The instant deduction requests are made for: every time in them is at or before it. */
    public Instant now() {
        return now;
    }

    /** A profile, uniformly. */
    public String profile() {
        return PROFILES.get(random.nextInt(PROFILES.size()));
    }

    // ---- eligibility ------------------------------------------------------------------------------------------

    public EligibilityRequest eligibility() {
        long id = ++sequence;
        Scenario scenario = pick(Scenario.values());
        BigDecimal amount = money(1, 300_000);
        List<CreditScore> scores = new ArrayList<>();
        for (ScoreProvider provider : ScoreProvider.values()) {
            if (random.nextInt(3) != 0) {
                scores.add(new CreditScore(provider, score(provider)));
            }
        }
        if (scores.size() > 1 && random.nextBoolean()) {
            scores.remove(random.nextInt(scores.size())); // the order varies too
            Collections.rotate(scores, random.nextInt(scores.size()));
        }
        BigDecimal available = switch (random.nextInt(4)) {
            case 0 -> amount; // exactly enough
            case 1 -> amount.subtract(new BigDecimal("0.01")).max(BigDecimal.ZERO);
            default -> money(0, 1_000_000);
        };
        RiskAssessment risk = random.nextInt(4) == 0 ? pick(RiskAssessment.values()) : RiskAssessment.PASSED;
        int overdue = random.nextInt(5) == 0 ? random.nextInt(3) : 0;
        Consumer consumer = new Consumer("consumer-" + id, scores, risk, random.nextInt(10) == 0, overdue, available);
        Integer merchantMinimum = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> scores.isEmpty() ? 600 : Math.max(0, Math.min(1000, scores.get(0).value() + random.nextInt(3) - 1));
            default -> random.nextInt(3) == 0 ? null : 300 + random.nextInt(500);
        };
        Merchant merchant = new Merchant("merchant-" + random.nextInt(50), random.nextInt(12) != 0, merchantMinimum);
        return new EligibilityRequest("e-" + id, scenario, amount, random.nextInt(12) != 0, consumer, merchant);
    }

    private int score(ScoreProvider provider) {
        if (random.nextInt(3) == 0) {
            return provider.minimum() + random.nextInt(provider.maximum() - provider.minimum() + 1);
        }
        int edge = SCORE_EDGES[random.nextInt(SCORE_EDGES.length)] + random.nextInt(5) - 2;
        return Math.max(provider.minimum(), Math.min(provider.maximum(), edge));
    }

    // ---- fast refund ------------------------------------------------------------------------------------------

    public RefundRequest refund() {
        long id = ++sequence;
        Boolean premium = switch (random.nextInt(3)) {
            case 0 -> Boolean.TRUE;
            case 1 -> random.nextInt(3) == 0 ? Boolean.FALSE : null;
            default -> null;
        };
        TradingHistory history = null;
        if (premium == null || random.nextInt(4) == 0) {
            int orders = random.nextBoolean() ? 8 + random.nextInt(5) : random.nextInt(40);
            BigDecimal rate = random.nextBoolean()
                    ? new BigDecimal("20").add(BigDecimal.valueOf(random.nextInt(5) - 2, 2))
                    : BigDecimal.valueOf(random.nextInt(10_001), 2);
            history = new TradingHistory(orders, rate, random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        }
        Buyer buyer = new Buyer("buyer-" + id, premium, history, random.nextInt(10) == 0);
        BigDecimal paid = switch (random.nextInt(4)) {
            case 0 -> new BigDecimal("300.00").add(BigDecimal.valueOf(random.nextInt(3) - 1, 2));
            case 1 -> new BigDecimal("0.00");
            default -> money(0, 60_000);
        };
        ShippingStatus shipping = random.nextBoolean() ? ShippingStatus.UNSHIPPED : pick(ShippingStatus.values());
        CategoryType category = random.nextBoolean() ? CategoryType.PHYSICAL : pick(CategoryType.values());
        // a list price beside the paid amount, sometimes above the limit: the rules never look at it
        BigDecimal listPrice = random.nextInt(3) == 0 ? paid.add(money(0, 20_000)) : null;
        return new RefundRequest("r-" + id, buyer, paid, shipping, category, random.nextInt(10) == 0, listPrice);
    }

    // ---- deduction --------------------------------------------------------------------------------------------

    public DeductionRequest deduction() {
        long id = ++sequence;
        BigDecimal amount = money(1, 100_000);
        Instant ordered = now.minusSeconds(1 + random.nextLong(60 * DAY));
        if (random.nextInt(4) == 0) {
            return service(id, ordered, amount);
        }
        boolean advanced = random.nextBoolean();
        DeductionRequest.Builder goods = DeductionRequest.builder("d-" + id, "consumer-" + id, OrderKind.GOODS, amount,
                ordered).merchantSettlementAdvanced(advanced).advanceRecovered(advanced && random.nextInt(3) == 0);
        int stage = random.nextInt(12);
        if (stage == 0) {
            return goods.refundedBeforeShipment(true).build();
        }
        if (stage == 1) {
            return goods.build();
        }
        Instant shipped = between(ordered, now);
        goods.shippedAt(shipped);
        if (stage == 2) {
            return goods.build();
        }
        // 6 days: the reminder a day before a 7-day trial ends
        Instant delivered = random.nextInt(3) == 0 ? boundary(shipped, new int[] {6, 7, 10}) : between(shipped, now);
        goods.deliveredAt(delivered);
        Instant chargeableFrom = delivered;
        if (random.nextInt(3) == 0) {
            chargeableFrom = between(delivered, now);
            goods.receiptConfirmedAt(chargeableFrom);
        }
        if (random.nextInt(5) == 0) {
            goods.returnState(pick(ReturnState.values()));
        }
        failures(goods, chargeableFrom);
        return goods.build();
    }

    private DeductionRequest service(long id, Instant ordered, BigDecimal maximum) {
        boolean advanced = random.nextBoolean();
        DeductionRequest.Builder service = DeductionRequest.builder("s-" + id, "consumer-" + id, OrderKind.SERVICE,
                maximum, ordered).merchantSettlementAdvanced(advanced).advanceRecovered(advanced && random.nextInt(3) == 0);
        switch (random.nextInt(6)) {
            case 0:
                return service.build();
            case 1:
                return service.actualFee(BigDecimal.ZERO).build();
            case 2:
                return service.refundedBeforeShipment(true).build();
            case 3:
                service.actualFee(maximum.add(BigDecimal.valueOf(1 + random.nextInt(1_000), 2)));
                break;
            case 4:
                service.actualFee(maximum);
                break;
            default:
                service.actualFee(BigDecimal.valueOf(1 + random.nextInt(maximum.movePointRight(2).intValueExact()), 2));
        }
        failures(service, between(ordered, now));
        return service.build();
    }

    /** None most often, else 1 to 4 failed attempts in order from {@code from}, the last often on a boundary. */
    private void failures(DeductionRequest.Builder builder, Instant from) {
        int count = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        Instant previous = from;
        for (int f = 0; f < count; f++) {
            Instant next = f == count - 1 && random.nextBoolean() ? boundary(previous, new int[] {1, 3, 7})
                    : between(previous, now.isBefore(previous.plusSeconds((f + 2) * DAY)) ? now
                            : previous.plusSeconds((f + 2) * DAY));
            builder.failedAttempt(next);
            previous = next;
        }
        if (count > 0 && random.nextInt(4) == 0) {
            builder.debtPaidAt(between(previous, now)); // the consumer paid the debt themselves
        }
    }

    /**
     * An instant at or after {@code from} and at or before now that lies {@code days} days before now, give or take
     * a second, for one of the given day counts; {@code from} itself when that is not possible.
     */
    private Instant boundary(Instant from, int[] days) {
        Instant candidate = now.minusSeconds(days[random.nextInt(days.length)] * DAY + random.nextInt(3) - 1);
        if (candidate.isBefore(from) || candidate.isAfter(now)) {
            return between(from, now);
        }
        return candidate;
    }

    /** A whole second from {@code from} to {@code to}, both included. */
    private Instant between(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return from.plusSeconds(seconds <= 0 ? 0 : random.nextLong(seconds + 1));
    }

    private BigDecimal money(int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + random.nextInt(maxCents - minCents + 1), 2);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
