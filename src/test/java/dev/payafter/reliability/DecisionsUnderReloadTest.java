package dev.payafter.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.live.ReloadResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 threads decide non-stop while the rule set is reloaded every 100 ms, alternating between two versions whose
 * answers differ (Zhima minimum 550 and 600), until at least 4 reloads have happened (20 with {@code -Psoak}). Every decision must be exactly the one its reported version gives
 * for that request; no error, no mixed decision, no lost decision.
 */
class DecisionsUnderReloadTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 1_500;
    static final int RELOADS = Integer.getInteger("payafter.reloads.under.load", 4);

    @TempDir
    Path temp;

    private static EligibilityRequest request(int i) {
        int score = 500 + (i * 7) % 160; // 500..659: on both sides of both minimums
        return new EligibilityRequest("o-" + i, Scenario.ECOMMERCE_GOODS, new BigDecimal("50.00"), true,
                Consumer.inGoodStanding("c-" + i, new BigDecimal("100.00"), CreditScore.zhima(score)),
                Merchant.enabled("m-1"));
    }

    private static List<Object> signature(EligibilityDecision d) {
        return List.of(d.outcome(), d.reasonCodes(), d.reasons(), d.creditToFreeze(), d.trace().firedRules());
    }

    @Test
    void everyDecisionIsTheOneItsVersionGives() throws Exception {
        Path rules = TestRules.copyOfBundled(temp);
        String policy = "eligibility/eligibility-policy.drl.csv";
        String at550 = "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550";
        String at600 = "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600";

        // the reference: each version's decision for each request, from engines that never reload
        List<EligibilityRequest> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(request(i));
        }
        Map<String, List<List<Object>>> expected = new HashMap<>();
        PayAfterEngine reference = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        expected.put(reference.ruleSet().version(), requests.stream().map(r -> signature(reference.decide(r))).toList());
        TestRules.replace(rules, policy, at550, at600);
        PayAfterEngine other = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        expected.put(other.ruleSet().version(), requests.stream().map(r -> signature(other.decide(r))).toList());
        TestRules.replace(rules, policy, at600, at550);
        assertThat(expected).hasSize(2);

        PayAfterEngine live = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        AtomicInteger reloads = new AtomicInteger();
        AtomicLong decided = new AtomicLong();
        AtomicLong submitted = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor();
        ExecutorService deciders = Executors.newFixedThreadPool(THREADS);
        try {
            reloader.scheduleWithFixedDelay(() -> {
                boolean toSix = reloads.get() % 2 == 0;
                TestRules.replace(rules, policy, toSix ? at550 : at600, toSix ? at600 : at550);
                ReloadResult result = live.reload();
                if (result.status() != ReloadResult.Status.SWAPPED) {
                    wrong.add("reload " + reloads.get() + ": " + result);
                }
                reloads.incrementAndGet();
            }, 100, 100, TimeUnit.MILLISECONDS);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(deciders.submit(() -> {
                    // at least PER_THREAD decisions each, and on until RELOADS reloads have happened meanwhile
                    for (int n = 0; n < PER_THREAD || reloads.get() < RELOADS && wrong.isEmpty(); n++) {
                        int i = (n * 31 + thread * 17) % requests.size();
                        submitted.incrementAndGet();
                        EligibilityDecision d = live.decide(requests.get(i));
                        List<List<Object>> byRequest = expected.get(d.trace().ruleSetVersion());
                        if (byRequest == null || !byRequest.get(i).equals(signature(d))) {
                            wrong.add("request " + i + " under " + d.trace().ruleSetVersion() + ": " + d);
                        }
                        decided.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES); // an exception in a decider fails the test here
            }
        } finally {
            reloader.shutdownNow();
            reloader.awaitTermination(1, TimeUnit.MINUTES);
            deciders.shutdownNow();
        }
        org.slf4j.LoggerFactory.getLogger(DecisionsUnderReloadTest.class).info(
                "{} decisions on {} threads under {} reloads, {} wrong", decided.get(), THREADS, reloads.get(), wrong.size());
        assertThat(wrong).isEmpty();
        assertThat(decided.get()).as("no lost decision").isEqualTo(submitted.get());
        assertThat(decided.get()).isGreaterThanOrEqualTo((long) THREADS * PER_THREAD);
        assertThat(reloads.get()).as("reloads during the run").isGreaterThanOrEqualTo(RELOADS);
    }
}
