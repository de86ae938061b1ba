package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.deduction.ReturnState;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One engine shared by several threads decides exactly as it does alone: a deterministic mix of eligibility,
 * refund and deduction requests is decided sequentially (the reference), then by 4 threads at once, each in its
 * own order, and every concurrent decision must equal the reference decision for the same request.
 */
class ConcurrencyTest {
    static final long SEED = 20_260_320L;
    static final int REQUESTS = 3_000;
    static final int THREADS = 4;
    static final Instant NOW = Instant.parse("2026-03-20T02:00:00Z");

    static PayAfterEngine engine;
    static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        engine = PayAfterEngine.builder().profile("kuaishou").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void fourThreadsDecideEveryRequestExactlyAsOneThreadDoes() throws Exception {
        List<Object> requests = requests(new Random(SEED));
        assertThat(requests).hasSize(REQUESTS);

        List<Object> reference = requests.stream().map(ConcurrencyTest::decide).toList();
        referenceIsVaried(reference);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object[]>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Integer> order = order(t);
            futures.add(pool.submit(() -> {
                Object[] decisions = new Object[REQUESTS];
                start.await();
                for (int i : order) {
                    decisions[i] = decide(requests.get(i));
                }
                return decisions;
            }));
        }
        start.countDown();

        List<String> mismatches = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Object[] decisions = futures.get(t).get();
            for (int i = 0; i < REQUESTS; i++) {
                String expected = summary(reference.get(i));
                String actual = summary(decisions[i]);
                if (!expected.equals(actual) || !reference.get(i).equals(decisions[i])) {
                    mismatches.add("thread " + t + ", request " + i + " " + requests.get(i) + ":\n  expected "
                            + expected + "\n  but was  " + actual);
                }
            }
        }
        assertThat(mismatches.stream().limit(10).toList())
                .as("%d of %d concurrent decisions differ from the sequential ones (the first 10 shown)",
                        mismatches.size(), THREADS * REQUESTS)
                .isEmpty();
    }

    /** The same request decided twice in a row gives the same decision (the reference itself is stable). */
    @Test
    void theReferenceIsDeterministic() {
        List<Object> requests = requests(new Random(SEED));
        assertThat(requests(new Random(SEED))).isEqualTo(requests);
        for (int i = 0; i < requests.size(); i += 97) {
            assertThat(decide(requests.get(i))).isEqualTo(decide(requests.get(i)));
        }
    }

    /** A permutation per thread: thread 0 in order, thread 1 reversed, the others shuffled with their own seeds. */
    static List<Integer> order(int thread) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, REQUESTS).boxed().toList());
        if (thread == 1) {
            Collections.reverse(order);
        } else if (thread > 1) {
            Collections.shuffle(order, new Random(SEED + thread));
        }
        return order;
    }

    /** The reference covers every kind of decision and many outcomes, so a mix-up between requests would show. */
    static void referenceIsVaried(List<Object> reference) {
        Set<EligibilityOutcome> eligibility = EnumSet.noneOf(EligibilityOutcome.class);
        Set<RefundOutcome> refund = EnumSet.noneOf(RefundOutcome.class);
        Set<DeductionOutcome> deduction = EnumSet.noneOf(DeductionOutcome.class);
        for (Object decision : reference) {
            if (decision instanceof EligibilityDecision d) {
                eligibility.add(d.outcome());
            } else if (decision instanceof RefundDecision d) {
                refund.add(d.outcome());
            } else if (decision instanceof DeductionDecision d) {
                deduction.add(d.outcome());
            }
        }
        assertThat(eligibility).containsExactlyInAnyOrder(EligibilityOutcome.values());
        assertThat(refund).containsExactlyInAnyOrder(RefundOutcome.values());
        assertThat(deduction).contains(DeductionOutcome.CHARGE, DeductionOutcome.WAIT, DeductionOutcome.HOLD,
                DeductionOutcome.NO_CHARGE, DeductionOutcome.MANUAL_REVIEW, DeductionOutcome.OVERDUE);
    }

    static Object decide(Object request) {
        if (request instanceof EligibilityRequest r) {
            return engine.decide(r);
        }
        if (request instanceof RefundRequest r) {
            return engine.decide(r);
        }
        return engine.decide((DeductionRequest) request);
    }

    /** What the test compares, spelled out (the decisions' record equality is checked too). */
    static String summary(Object decision) {
        if (decision instanceof EligibilityDecision d) {
            return String.join(" | ", d.orderId(), d.outcome().name(), d.reasonCodes().toString(),
                    d.creditToFreeze().toString(), d.freeTrialDays().toString(), trace(d.trace()));
        }
        if (decision instanceof RefundDecision d) {
            return String.join(" | ", d.orderId(), d.outcome().name(), d.reasonCodes().toString(),
                    d.notice().toString(), trace(d.trace()));
        }
        DeductionDecision d = (DeductionDecision) decision;
        return String.join(" | ", d.orderId(), d.outcome().name(), d.reasonCodes().toString(), d.actions().toString(),
                d.chargeAmount().toString(), d.nextCheckAt().toString(), d.lossBearer().name(), trace(d.trace()));
    }

    static String trace(DecisionTrace trace) {
        return trace.profile() + " " + trace.ruleSetVersion() + " " + trace.firedRules();
    }

    // ---- the requests -------------------------------------------------------------------------------------------

    static List<Object> requests(Random random) {
        List<Object> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            switch (random.nextInt(3)) {
                case 0 -> requests.add(eligibility(i, random));
                case 1 -> requests.add(refund(i, random));
                default -> requests.add(deduction(i, random));
            }
        }
        return requests;
    }

    static EligibilityRequest eligibility(int i, Random random) {
        Scenario scenario = random.nextInt(4) == 0 ? pick(random, Scenario.values()) : Scenario.ECOMMERCE_GOODS;
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(300_000), 2);
        Consumer consumer = new Consumer("consumer-" + i, List.of(CreditScore.zhima(350 + random.nextInt(601))),
                random.nextInt(10) == 0 ? pick(random, RiskAssessment.values()) : RiskAssessment.PASSED,
                random.nextInt(8) == 0, random.nextInt(6) == 0 ? 1 : 0,
                BigDecimal.valueOf(random.nextInt(600_000), 2));
        Merchant merchant = new Merchant("merchant-" + random.nextInt(20), random.nextInt(15) != 0,
                random.nextInt(5) == 0 ? 350 + random.nextInt(601) : null);
        return new EligibilityRequest("e-" + i, scenario, amount, random.nextInt(15) != 0, consumer, merchant);
    }

    static RefundRequest refund(int i, Random random) {
        Buyer buyer = random.nextBoolean()
                ? new Buyer("buyer-" + i, random.nextInt(4) != 0, null, random.nextInt(10) == 0)
                : new Buyer("buyer-" + i, null, new TradingHistory(random.nextInt(30),
                        BigDecimal.valueOf(random.nextInt(4_001), 2), random.nextInt(4) == 0 ? 1 : 0),
                        random.nextInt(10) == 0);
        BigDecimal paid = BigDecimal.valueOf(random.nextInt(40_001), 2);
        ShippingStatus shipping = random.nextBoolean() ? ShippingStatus.UNSHIPPED : pick(random, ShippingStatus.values());
        CategoryType category = random.nextBoolean() ? CategoryType.PHYSICAL : pick(random, CategoryType.values());
        return new RefundRequest("r-" + i, buyer, paid, shipping, category, random.nextInt(10) == 0);
    }

    static DeductionRequest deduction(int i, Random random) {
        Instant ordered = NOW.minus(Duration.ofMinutes(1 + random.nextInt(40 * 24 * 60)));
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
        if (random.nextInt(8) == 0) { // kuaishou has no service policy: these go to manual review
            return service(i, random, ordered, amount);
        }
        DeductionRequest.Builder goods = DeductionRequest.builder("d-" + i, "consumer-" + i, OrderKind.GOODS, amount,
                ordered).merchantSettlementAdvanced(random.nextBoolean());
        int stage = random.nextInt(10);
        if (stage == 0) {
            return goods.refundedBeforeShipment(true).build();
        }
        if (stage == 1) {
            return goods.build();
        }
        Instant shipped = between(random, ordered, NOW);
        goods.shippedAt(shipped);
        if (stage == 2) {
            return goods.build();
        }
        Instant delivered = between(random, shipped, NOW);
        goods.deliveredAt(delivered);
        Instant chargeableFrom = delivered;
        if (random.nextBoolean()) {
            chargeableFrom = between(random, delivered, NOW);
            goods.receiptConfirmedAt(chargeableFrom);
        }
        if (random.nextInt(6) == 0) {
            goods.returnState(pick(random, ReturnState.values()));
        }
        failures(random, goods, chargeableFrom);
        return goods.build();
    }

    static DeductionRequest service(int i, Random random, Instant ordered, BigDecimal maximum) {
        DeductionRequest.Builder service = DeductionRequest.builder("s-" + i, "consumer-" + i, OrderKind.SERVICE,
                maximum, ordered).merchantSettlementAdvanced(random.nextBoolean());
        int fee = random.nextInt(5);
        if (fee == 0) {
            return service.build();
        }
        if (fee == 1) {
            return service.actualFee(BigDecimal.ZERO).build();
        }
        BigDecimal actual = fee == 2 ? maximum.add(BigDecimal.valueOf(1 + random.nextInt(1_000), 2))
                : BigDecimal.valueOf(1 + random.nextInt(maximum.movePointRight(2).intValueExact()), 2);
        service.actualFee(actual);
        failures(random, service, between(random, ordered, NOW));
        return service.build();
    }

    /** 0 to 4 failed attempts, in order, from {@code from} up to the clock's now. */
    static void failures(Random random, DeductionRequest.Builder builder, Instant from) {
        int count = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
        Instant previous = from;
        for (int f = 0; f < count; f++) {
            previous = between(random, previous, previous.plus(Duration.ofDays(f + 1)).isAfter(NOW) ? NOW
                    : previous.plus(Duration.ofDays(f + 1)));
            builder.failedAttempt(previous);
        }
    }

    /** A whole second from {@code from} to {@code to}, both included. */
    static Instant between(Random random, Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return from.plusSeconds(seconds <= 0 ? 0 : random.nextLong(seconds + 1));
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
