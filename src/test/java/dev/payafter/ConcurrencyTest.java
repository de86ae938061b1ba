package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import java.time.Clock;
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
        List<Object> requests = requests(SEED);
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
        List<Object> requests = requests(SEED);
        assertThat(requests(SEED)).isEqualTo(requests);
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

    /** Random valid requests of every kind ({@link RandomRequests}), the same ones for the same seed. */
    static List<Object> requests(long seed) {
        RandomRequests random = new RandomRequests(seed, NOW);
        Random kinds = new Random(seed);
        List<Object> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            switch (kinds.nextInt(3)) {
                case 0 -> requests.add(random.eligibility());
                case 1 -> requests.add(random.refund());
                default -> requests.add(random.deduction());
            }
        }
        return requests;
    }
}
