package dev.payafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.reference.PlainJavaDecisions;
import dev.payafter.reference.RandomRequests;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against {@link PlainJavaDecisions}, the bundled rules written in plain Java, on random valid requests
 * of every kind under all six profiles: zero differences in outcome, reasons (code, message and rule, as a
 * multiset), credit to freeze, trial days, refusal path, notice, liability if shipped untracked, actions, charge,
 * next check, loss bearer, the whole deduction plan and the rules that fired (as a multiset). Both the bundled engine and one compiled from {@code rules/} are checked.
 *
 * <p>The default build runs {@value #DEFAULT_COUNT} requests per kind and engine. The full run, one million per
 * kind, is {@code mvn -B verify -Pdifferential} (or {@code -Dpayafter.differential.count=N}).
 */
class DifferentialTest {
    static final int DEFAULT_COUNT = 4_000;
    static final int COUNT = Integer.getInteger("payafter.differential.count", DEFAULT_COUNT);
    static final long SEED = Long.getLong("payafter.differential.seed", 20_260_401L);
    static final int CHUNKS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), COUNT / 1_000));
    static final Instant NOW = Instant.parse("2026-04-01T02:00:00Z");

    static final Map<String, PayAfterEngine> engines = new HashMap<>();
    static ExecutorService pool;

    @BeforeAll
    static void build() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        engines.put("bundled", PayAfterEngine.builder().profile("kuaishou").clock(clock).build());
        engines.put("directory", PayAfterEngine.builder().rules(TestRules.BUNDLED).profile("kuaishou").clock(clock)
                .build());
        pool = Executors.newFixedThreadPool(CHUNKS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static Stream<Arguments> enginesAndKinds() {
        return Stream.of("bundled", "directory").flatMap(engine -> Stream.of("eligibility", "refund", "deduction")
                .map(kind -> Arguments.of(engine, kind)));
    }

    @ParameterizedTest(name = "{0} engine, {1}")
    @MethodSource("enginesAndKinds")
    void theEngineDecidesExactlyAsThePlainJavaReference(String engineName, String kind) throws Exception {
        PayAfterEngine engine = engines.get(engineName);
        List<Future<Result>> futures = new ArrayList<>();
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            long seed = SEED + kind.hashCode() * 31L + chunk;
            int count = COUNT / CHUNKS + (chunk < COUNT % CHUNKS ? 1 : 0);
            futures.add(pool.submit(() -> compare(engine, kind, seed, count)));
        }
        Result total = new Result();
        for (Future<Result> future : futures) {
            total.add(future.get());
        }
        System.out.printf("differential %s %s: %,d requests, %,d differences, outcomes %s%n", engineName, kind,
                total.compared, total.differences.get(), total.outcomes);
        assertThat(total.compared).isEqualTo(COUNT);
        assertThat(total.firstDifferences).as("%d of %d decisions differ from the plain Java reference (the first"
                + " ones shown)", total.differences.get(), COUNT).isEmpty();
        assertThat(total.reasonCodes).as("reason codes the random requests reach").containsAll(EXPECTED_CODES.get(kind));
    }

    /** Every reason code of the bundled rules that a valid request can reach, per kind. */
    static final Map<String, Set<String>> EXPECTED_CODES = Map.of(
            "eligibility", Set.of("ELIGIBLE", "SCENARIO_NOT_OFFERED", "NO_CREDIT_SCORE", "SCORE_BELOW_MINIMUM",
                    "SCORE_BELOW_MERCHANT_MINIMUM", "MERCHANT_THRESHOLD_MISSING", "RISK_ASSESSMENT_NOT_PASSED",
                    "CONSUMER_REVOKED", "OVERDUE_UNPAID_ORDERS", "INSUFFICIENT_CREDIT", "MERCHANT_NOT_ENABLED",
                    "PRODUCT_NOT_ENABLED"),
            "refund", Set.of("FAST_REFUND_APPROVED", "FAST_REFUND_NOT_OFFERED", "PAID_AMOUNT_NOT_UNDER_LIMIT",
                    "ORDER_SHIPPED", "CATEGORY_EXCLUDED", "STORE_EXCLUDED", "BUYER_REVOKED", "NOT_PREMIUM_BUYER",
                    "PREMIUM_TOO_FEW_ORDERS", "PREMIUM_REFUND_RATE_TOO_HIGH", "PREMIUM_TOO_MANY_DISPUTES"),
            "deduction", Set.of("REFUNDED_BEFORE_SHIPMENT", "RETURN_IN_PROGRESS", "RETURN_ARRIVED_INTACT",
                    "RETURN_ARRIVED_DAMAGED", "RECEIPT_CONFIRMED", "RECEIPT_AUTO_CONFIRMED",
                    "AWAITING_RECEIPT_CONFIRMATION", "AWAITING_DELIVERY", "FREE_TRIAL_ENDED", "FREE_TRIAL_RUNNING",
                    "AWAITING_ACTUAL_FEE", "ACTUAL_FEE_KNOWN", "NO_FEE", "FEE_ABOVE_AUTHORISED_MAXIMUM", "RETRY_DUE",
                    "RETRY_SCHEDULED", "RETRIES_EXHAUSTED", "NO_DEDUCTION_POLICY", "CHARGE_DUE_SOON", "DEBT_PAID",
                    "OVERDUE_DEBT_PAID"));

    static final class Result {
        long compared;
        final AtomicLong differences = new AtomicLong();
        final List<String> firstDifferences = new ArrayList<>();
        final Set<String> reasonCodes = new TreeSet<>();
        final Set<String> outcomes = new TreeSet<>();

        void add(Result other) {
            compared += other.compared;
            differences.addAndGet(other.differences.get());
            for (String difference : other.firstDifferences) {
                if (firstDifferences.size() < 10) {
                    firstDifferences.add(difference);
                }
            }
            reasonCodes.addAll(other.reasonCodes);
            outcomes.addAll(other.outcomes);
        }

        void record(Object request, String expected, String actual, List<Reason> reasons, String outcome) {
            compared++;
            outcomes.add(outcome);
            for (Reason reason : reasons) {
                reasonCodes.add(reason.code());
            }
            if (!expected.equals(actual)) {
                differences.incrementAndGet();
                if (firstDifferences.size() < 10) {
                    firstDifferences.add(request + "\n  plain Java " + expected + "\n  engine     " + actual);
                }
            }
        }
    }

    static Result compare(PayAfterEngine engine, String kind, long seed, int count) {
        RandomRequests random = new RandomRequests(seed, NOW);
        Map<String, PayAfterEngine> views = new HashMap<>();
        Map<String, PlainJavaDecisions> references = new HashMap<>();
        Function<String, PayAfterEngine> view = profile -> views.computeIfAbsent(profile, engine::withProfile);
        Function<String, PlainJavaDecisions> reference = profile -> references.computeIfAbsent(profile,
                p -> new PlainJavaDecisions(p, engine.ruleSet().version()));
        Result result = new Result();
        for (int i = 0; i < count; i++) {
            String profile = random.profile();
            switch (kind) {
                case "eligibility" -> {
                    EligibilityRequest request = random.eligibility();
                    EligibilityDecision actual = view.apply(profile).decide(request);
                    result.record(request, summary(reference.apply(profile).decide(request)), summary(actual),
                            actual.reasons(), actual.outcome().name());
                }
                case "refund" -> {
                    RefundRequest request = random.refund();
                    RefundDecision actual = view.apply(profile).decide(request);
                    result.record(request, summary(reference.apply(profile).decide(request)), summary(actual),
                            actual.reasons(), actual.outcome().name());
                }
                default -> {
                    DeductionRequest request = random.deduction();
                    DeductionDecision actual = view.apply(profile).decide(request);
                    result.record(request, summary(reference.apply(profile).decide(request, NOW)), summary(actual),
                            actual.reasons(), actual.outcome().name());
                }
            }
        }
        return result;
    }

    /** Everything a decision says, with reasons and fired rules sorted (they are compared as multisets). */
    static String summary(EligibilityDecision d) {
        return String.join(" | ", d.orderId(), d.outcome().name(), reasons(d.reasons()),
                "credit=" + d.creditToFreeze(), "trial=" + d.freeTrialDays(), "whenRefused=" + d.whenRefused(),
                trace(d.trace()));
    }

    static String summary(RefundDecision d) {
        return String.join(" | ", d.orderId(), d.outcome().name(), reasons(d.reasons()), "notice=" + d.notice(),
                "lossIfShippedUntracked=" + d.lossIfShippedUntracked(), trace(d.trace()));
    }

    static String summary(DeductionDecision d) {
        return String.join(" | ", d.orderId(), d.outcome().name(), reasons(d.reasons()), "actions=" + d.actions(),
                "charge=" + d.chargeAmount(), "next=" + d.nextCheckAt(), "loss=" + d.lossBearer(), "plan=" + d.plan(),
                trace(d.trace()));
    }

    static String reasons(List<Reason> reasons) {
        return reasons.stream().map(Reason::toString).sorted().collect(Collectors.joining("; ", "reasons=[", "]"));
    }

    static String trace(DecisionTrace trace) {
        List<String> fired = new ArrayList<>(trace.firedRules());
        Collections.sort(fired);
        return trace.profile() + " " + trace.ruleSetVersion() + " fired=" + fired;
    }
}
