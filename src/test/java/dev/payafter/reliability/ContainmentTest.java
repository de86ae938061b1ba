package dev.payafter.reliability;

import static dev.payafter.Requests.withOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.Requests;
import dev.payafter.RuleProblem;
import dev.payafter.TestRules;
import dev.payafter.deduction.DeductionDecision;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.deduction.OrderKind;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.internal.RuleSource;
import dev.payafter.live.EngineHealth;
import dev.payafter.live.ReloadResult;
import dev.payafter.live.RuleSetListener;
import dev.payafter.live.StuckDecision;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, section 3: errors and runaway rules are contained. Rules that overflow the stack (a recursive function,
 * in a consequence and in a condition), run out of memory (the largest array, a string repeated past any heap),
 * spin or block: every one fails its decision closed with a reason, with and without a time budget; no Throwable
 * escapes {@code decide()}; later decisions of other consumers are unchanged; spinning decisions hold at most the
 * fixed number of workers, and past that fail closed at once without a thread being made. Rule files built to
 * overflow a parser (a 40 KB dotted chain, 20,000 nested parentheses or braces, a workbook that unpacks to tens of
 * megabytes, a huge CSV) are refused at their file and line before any parser sees them, within a few seconds, and
 * {@code reload()} and the watcher survive every one.
 */
class ContainmentTest {
    static final Instant NOW = Instant.parse("2026-03-20T04:00:00Z");
    static final String CONTROL = "dev.payafter.reliability.RunawayControl";
    /** Long enough for any decision on a busy 2-core machine, short enough to wait for a few times. */
    static final Duration SPIN_BUDGET = Duration.ofMillis(400);
    static final String FUNCTION = "function int deeper(int n) { return deeper(n + 1) + 1; }\n";

    static final String ELIGIBILITY_RUNAWAYS = """
            package eligibility;
            import dev.payafter.eligibility.EligibilityRequest;
            import dev.payafter.facts.EligibilityPolicy;
            import dev.payafter.reliability.RunawayControl;
            """ + FUNCTION + """
            rule "Recurses for one order"
            when
                EligibilityRequest( orderId == "order-recurse" )
            then
                deeper(0);
            end
            rule "Recurses in its condition for one order"
            when
                $r : EligibilityRequest( orderId == "order-recurse-when" )
                eval( deeper($r.orderId().length()) > 0 )
            then
            end
            rule "Lowers the minimum score, then recurses"
            when
                EligibilityRequest( orderId == "order-taint" )
                $policy : EligibilityPolicy( )
            then
                $policy.setMinimumScore(0);
                deeper(0);
            end
            rule "Asks for the largest array"
            when
                EligibilityRequest( orderId == "order-array" )
            then
                long[] all = new long[Integer.MAX_VALUE];
            end
            rule "Repeats a string past any heap"
            when
                EligibilityRequest( orderId == "order-repeat" )
            then
                String all = "x".repeat(Integer.MAX_VALUE);
            end
            rule "Spins for one order"
            when
                EligibilityRequest( orderId == "order-spin" )
            then
                long n = 0;
                while (RunawayControl.spinning()) { n++; }
            end
            rule "Waits for one order"
            when
                EligibilityRequest( orderId == "order-block" )
            then
                RunawayControl.block();
            end
            """;
    static final String REFUND_RUNAWAYS = """
            package refund;
            import dev.payafter.refund.RefundRequest;
            rule "Asks for the largest array for one refund"
            when
                RefundRequest( orderId == "order-array" )
            then
                long[] all = new long[Integer.MAX_VALUE];
            end
            """;
    static final String DEDUCTION_RUNAWAYS = """
            package deduction;
            import dev.payafter.deduction.DeductionRequest;
            """ + FUNCTION + """
            rule "Recurses for one deduction"
            when
                DeductionRequest( orderId == "order-recurse" )
            then
                deeper(0);
            end
            rule "Repeats a string past any heap for one deduction"
            when
                DeductionRequest( orderId == "order-repeat" )
            then
                String all = "x".repeat(Integer.MAX_VALUE);
            end
            """;

    static Path runaways;
    static PayAfterEngine plain;
    static PayAfterEngine budgeted;
    final List<PayAfterEngine> spinners = new ArrayList<>();

    @BeforeAll
    static void engines(@TempDir Path temp) {
        runaways = TestRules.copyOfBundled(temp);
        TestRules.write(runaways, "eligibility/runaways.drl", ELIGIBILITY_RUNAWAYS);
        TestRules.write(runaways, "refund/runaways.drl", REFUND_RUNAWAYS);
        TestRules.write(runaways, "deduction/runaways.drl", DEDUCTION_RUNAWAYS);
        plain = builder(runaways).build();
        budgeted = builder(runaways).timeBudget(Duration.ofSeconds(5)).build();
    }

    static PayAfterEngine.Builder builder(Path rules) {
        return PayAfterEngine.builder().rules(rules).profile("kuaishou").allowRuleAccessTo(CONTROL)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        plain.close();
        budgeted.close();
    }

    @BeforeEach
    void arm() {
        RunawayControl.arm();
    }

    @AfterEach
    void release() throws InterruptedException {
        RunawayControl.release();
        for (PayAfterEngine engine : spinners) {
            awaitNoStuckWorkers(engine);
            engine.close();
        }
    }

    static void awaitNoStuckWorkers(PayAfterEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.health().stuckWorkers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // waiting for the released rules to end, not timing anything
        }
        assertThat(engine.health().stuckWorkers()).as("workers stuck after the rules were released").isZero();
    }

    static EligibilityRequest order(String orderId) {
        return withOrderId(Requests.zhima(700, "10.00"), orderId);
    }

    static DeductionRequest deduction(String orderId) {
        Instant ordered = NOW.minus(Duration.ofDays(20));
        return DeductionRequest.builder(orderId, "c-1", OrderKind.GOODS, new BigDecimal("99.00"), ordered)
                .deliveredAt(ordered.plus(Duration.ofDays(1))).receiptConfirmedAt(ordered.plus(Duration.ofDays(2)))
                .build();
    }

    static void assertOtherConsumersUnchanged(PayAfterEngine engine) {
        assertThat(engine.decide(Requests.zhima(700, "10.00")).outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
        EligibilityDecision low = engine.decide(Requests.zhima(549, "10.00"));
        assertThat(low.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
        assertThat(low.reasonCodes()).contains("SCORE_BELOW_MINIMUM");
        assertThat(engine.decide(Requests.refund("10.00")).outcome()).isEqualTo(RefundOutcome.AUTO_APPROVED);
        assertThat(engine.decide(deduction("order-normal")).outcome()).isEqualTo(DeductionOutcome.CHARGE);
    }

    // ---- errors: a StackOverflowError or OutOfMemoryError from a rule ---------------------------------------------

    @ParameterizedTest(name = "{0}, without a budget")
    @ValueSource(strings = {"order-recurse", "order-recurse-when", "order-taint", "order-array", "order-repeat"})
    void anErrorInTheRulesFailsClosedWithoutABudget(String orderId) {
        assertFailsClosedWithTheError(plain, orderId);
    }

    @ParameterizedTest(name = "{0}, under a time budget")
    @ValueSource(strings = {"order-recurse", "order-recurse-when", "order-taint", "order-array", "order-repeat"})
    void anErrorInTheRulesFailsClosedUnderABudget(String orderId) {
        assertFailsClosedWithTheError(budgeted, orderId);
    }

    private static void assertFailsClosedWithTheError(PayAfterEngine engine, String orderId) {
        String error = orderId.startsWith("order-recurse") || orderId.equals("order-taint") ? "StackOverflowError"
                : "OutOfMemoryError";
        for (int i = 0; i < 3; i++) { // and again: the engine keeps serving, on the same thread
            EligibilityDecision decision = engine.decide(order(orderId));
            assertThat(decision.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
            assertThat(decision.creditToFreeze()).isEmpty();
            assertThat(decision.reasons().get(0).code()).isEqualTo("RULE_ERROR");
            assertThat(decision.reasons().get(0).message()).contains(error).contains("fails closed");
            assertThat(decision.trace().ruleSetVersion()).isEqualTo(engine.ruleSet().version());
            assertOtherConsumersUnchanged(engine);
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(booleans = {false, true})
    void aSessionThatSawAnErrorIsNeverReused(boolean budget) {
        PayAfterEngine engine = budget ? budgeted : plain;
        for (int i = 0; i < 20; i++) {
            // the rule set the minimum score to 0 in its session's policy before it overflowed: a session reused
            // after that would let a score of 500 through
            assertThat(engine.decide(order("order-taint")).reasonCodes()).containsExactly("RULE_ERROR");
            EligibilityDecision next = engine.decide(Requests.zhima(500, "10.00"));
            assertThat(next.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
            assertThat(next.reasonCodes()).contains("SCORE_BELOW_MINIMUM");
        }
    }

    @Test
    void errorsInRefundAndDeductionRulesApproveNothingAndChargeNothing() {
        for (PayAfterEngine engine : List.of(plain, budgeted)) {
            RefundDecision refund = engine.decide(Requests.withOrderId(Requests.refund("10.00"), "order-array"));
            assertThat(refund.outcome()).isEqualTo(RefundOutcome.MANUAL_REVIEW);
            assertThat(refund.reasons().get(0).message()).contains("OutOfMemoryError");
            for (String orderId : List.of("order-recurse", "order-repeat")) {
                DeductionDecision deduction = engine.decide(deduction(orderId));
                assertThat(deduction.outcome()).isEqualTo(DeductionOutcome.MANUAL_REVIEW);
                assertThat(deduction.reasonCodes()).first().isEqualTo("RULE_ERROR");
                assertThat(deduction.reasons().get(0).message()).contains(orderId.equals("order-recurse")
                        ? "StackOverflowError" : "OutOfMemoryError");
                assertThat(deduction.chargeAmount()).isEmpty();
                assertThat(deduction.actions()).isEmpty();
            }
            assertOtherConsumersUnchanged(engine);
        }
    }

    @Test
    void decisionsFromManyThreadsWithErrorsAmongThemAllComeBack() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<EligibilityDecision>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String orderId = i % 3 == 0 ? "order-recurse" : i % 3 == 1 ? "order-array" : "order-" + i;
                PayAfterEngine engine = i % 2 == 0 ? plain : budgeted;
                futures.add(callers.submit(() -> engine.decide(order(orderId))));
            }
            for (int i = 0; i < futures.size(); i++) {
                EligibilityDecision decision = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(decision.outcome()).isEqualTo(i % 3 == 2 ? EligibilityOutcome.ELIGIBLE
                        : EligibilityOutcome.INELIGIBLE);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    // ---- runaway rules under a time budget: bounded workers -------------------------------------------------------

    private PayAfterEngine spinner(int workers, List<StuckDecision> told) {
        PayAfterEngine engine = builder(runaways).timeBudget(SPIN_BUDGET).decisionWorkers(workers)
                .onReload(new RuleSetListener() {
                    @Override
                    public void onReload(ReloadResult result) {
                    }

                    @Override
                    public void onStuckDecision(StuckDecision stuck) {
                        told.add(stuck);
                    }
                }).build();
        spinners.add(engine);
        warm(engine);
        return engine;
    }

    /** Decides once of each kind, so that no first decision (sessions made, code loaded) runs near the budget. */
    static void warm(PayAfterEngine engine) {
        for (int i = 0; i < 3; i++) {
            assertOtherConsumersUnchanged(engine);
        }
        assertThat(engine.health().overBudget()).as("warm-up decisions over budget").isZero();
    }

    static Set<Thread> decisionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("payafter-decision-") && t.isAlive()).collect(Collectors.toSet());
    }

    @Test
    void spinningDecisionsHoldAtMostTheWorkersAndThenFailClosedAtOnce() {
        List<StuckDecision> told = new CopyOnWriteArrayList<>();
        Set<Thread> before = decisionThreads();
        PayAfterEngine engine = spinner(4, told);
        String version = engine.ruleSet().version();

        long started = System.nanoTime();
        List<EligibilityDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            decisions.add(engine.decide(order("order-spin")));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Set<Thread> made = decisionThreads();
        made.removeAll(before);
        assertThat(made).as("threads made for 24 spinning decisions").hasSizeLessThanOrEqualTo(4);
        assertThat(decisions).allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
            assertThat(d.reasonCodes()).containsExactly("RULE_TIME_BUDGET");
        });
        assertThat(decisions.subList(4, 24)).allSatisfy(d -> assertThat(d.reasons().get(0).message())
                .startsWith("no worker free: 4 decisions are stuck in the rules"));
        assertThat(took).as("4 budgets of 400 ms, then 20 at once").isLessThan(Duration.ofSeconds(10));

        EngineHealth health = engine.health();
        assertThat(health.workers()).isEqualTo(4);
        assertThat(health.stuckWorkers()).isEqualTo(4);
        assertThat(health.allWorkersStuck()).isTrue();
        assertThat(health.stuckByVersion()).containsEntry(version, 4);
        assertThat(health.overBudget()).isEqualTo(4);
        assertThat(health.refusedNoWorker()).isEqualTo(20);
        assertThat(told).hasSize(4).allSatisfy(s -> {
            assertThat(s.ruleSetVersion()).isEqualTo(version);
            assertThat(s.orderId()).isEqualTo("order-spin");
            assertThat(s.budget()).isEqualTo(SPIN_BUDGET);
        });
        assertThat(told.get(3).health().allWorkersStuck()).isTrue();
        // every later decision fails closed too, for any consumer: none is approved by a rule set it cannot run
        assertThat(engine.decide(Requests.zhima(700, "10.00")).reasonCodes()).containsExactly("RULE_TIME_BUDGET");
        assertThat(engine.decide(deduction("order-normal")).chargeAmount()).isEmpty();
    }

    @Test
    void spinningDecisionsFromManyThreadsMakeNoMoreThreads() throws Exception {
        Set<Thread> before = decisionThreads();
        PayAfterEngine engine = spinner(3, new CopyOnWriteArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<EligibilityDecision>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(callers.submit(() -> engine.decide(order("order-spin"))));
            }
            for (Future<EligibilityDecision> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS).reasonCodes()).containsExactly("RULE_TIME_BUDGET");
            }
        } finally {
            callers.shutdownNow();
        }
        Set<Thread> made = decisionThreads();
        made.removeAll(before);
        assertThat(made).hasSizeLessThanOrEqualTo(3);
        assertThat(engine.health().stuckWorkers()).isEqualTo(3);
    }

    @Test
    void withSomeWorkersStuckOtherConsumersAreDecidedAsBefore() throws InterruptedException {
        PayAfterEngine engine = spinner(4, new CopyOnWriteArrayList<>());
        for (int i = 0; i < 3; i++) {
            assertThat(engine.decide(order("order-spin")).reasonCodes()).containsExactly("RULE_TIME_BUDGET");
        }
        assertThat(engine.health().stuckWorkers()).isEqualTo(3);
        for (int i = 0; i < 50; i++) {
            assertOtherConsumersUnchanged(engine);
        }
        RunawayControl.release();
        awaitNoStuckWorkers(engine); // the rules ended by themselves: their workers serve again
        assertThat(engine.health().overBudget()).isEqualTo(3);
        assertOtherConsumersUnchanged(engine);
    }

    @Test
    void aWaitingRuleIsInterruptedAndGivesItsWorkerBack() throws InterruptedException {
        PayAfterEngine engine = spinner(1, new CopyOnWriteArrayList<>());
        for (int i = 0; i < 5; i++) { // one worker: each wait must end for the next decision to get it
            EligibilityDecision decision = engine.decide(order("order-block"));
            assertThat(decision.reasonCodes()).containsExactly("RULE_TIME_BUDGET");
            assertThat(decision.reasons().get(0).message()).contains("400 ms time budget");
            awaitNoStuckWorkers(engine);
        }
        assertOtherConsumersUnchanged(engine);
    }

    @Test
    void aRuleSetThatLeavesDecisionsStuckIsRolledBackWhenTheHostAsksForIt(@TempDir Path temp)
            throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        PayAfterEngine engine = builder(rules).timeBudget(SPIN_BUDGET).decisionWorkers(3).keepVersions(2)
                .rollbackWhenStuck(1).onReload(results::add).build();
        spinners.add(engine);
        warm(engine);
        String good = engine.ruleSet().version();
        TestRules.write(rules, "eligibility/runaways.drl", ELIGIBILITY_RUNAWAYS);
        assertThat(engine.reload().status()).isEqualTo(ReloadResult.Status.SWAPPED);
        String bad = engine.ruleSet().version();
        warm(engine);
        results.clear();

        assertThat(engine.decide(order("order-spin")).reasonCodes()).containsExactly("RULE_TIME_BUDGET");

        assertThat(engine.ruleSet().version()).as("serving after the stuck decision").isEqualTo(good);
        ReloadResult rollback = results.poll();
        assertThat(rollback).isNotNull();
        assertThat(rollback.status()).isEqualTo(ReloadResult.Status.ROLLED_BACK);
        assertThat(rollback.problems()).singleElement().asString().contains(bad).contains("rolled back automatically");
        assertThat(engine.health().stuckByVersion()).containsEntry(bad, 1);
        assertThat(engine.decide(order("order-spin")).outcome()).as("the good rules have no spin")
                .isEqualTo(EligibilityOutcome.ELIGIBLE);
        assertOtherConsumersUnchanged(engine);

        ReloadResult again = engine.reload();
        assertThat(again.status()).as("the same files are not served again").isEqualTo(ReloadResult.Status.REJECTED);
        assertThat(again.problems()).singleElement().asString().contains("rolled back automatically");
        assertThat(engine.ruleSet().version()).isEqualTo(good);

        Files.delete(rules.resolve("eligibility/runaways.drl"));
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,560");
        assertThat(engine.reload().status()).as("changed files load again").isEqualTo(ReloadResult.Status.SWAPPED);
    }

    @Test
    void rollbackWhenStuckNeedsABudgetAVersionToGoBackToAndAFreeWorker() {
        assertThatThrownBy(() -> builder(runaways).rollbackWhenStuck(1).keepVersions(1).build())
                .isInstanceOf(PayAfterException.class).hasMessageContaining("timeBudget");
        assertThatThrownBy(() -> builder(runaways).rollbackWhenStuck(1).timeBudget(Duration.ofSeconds(1)).build())
                .isInstanceOf(PayAfterException.class).hasMessageContaining("keepVersions");
        assertThatThrownBy(() -> builder(runaways).rollbackWhenStuck(4).timeBudget(Duration.ofSeconds(1))
                .keepVersions(1).build()).isInstanceOf(PayAfterException.class).hasMessageContaining("decisionWorkers");
        assertThatThrownBy(() -> PayAfterEngine.builder().decisionWorkers(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- rule files that are pathological for a parser ------------------------------------------------------------

    static final String HEAD = """
            package eligibility;
            import dev.payafter.eligibility.EligibilityRequest;
            rule "Pathological"
            when
            """;

    static String constraint(String expression) {
        return HEAD + "    EligibilityRequest( orderId == " + expression + " )\nthen\nend\n";
    }

    static String consequence(String statement) {
        return HEAD + "    EligibilityRequest( )\nthen\n    " + statement + "\nend\n";
    }

    /**
     * A file that is refused at {@code line}, fast, and never handed to a parser (what a reload, a build and
     * {@code validate} all read through). {@link #reloadAndBuildRefuseEveryKindAndTheRulesKeepServing} shows
     * the reload and the build on one file of each kind.
     */
    private static RuleProblem assertRefused(Path rules, String relative, byte[] content, int line, String message)
            throws IOException {
        Files.write(rules.resolve(relative), content);
        try {
            long started = System.nanoTime();
            RuleSource source = RuleSource.fromDirectory(rules);
            Duration checked = Duration.ofNanos(System.nanoTime() - started);
            assertThat(checked).as("reading and checking the rule files").isLessThan(Duration.ofSeconds(5));
            RuleProblem problem = source.problems().stream().filter(p -> p.file().equals(rules.resolve(relative)))
                    .findFirst().orElseThrow(() -> new AssertionError("no problem for " + relative + ": "
                            + source.problems()));
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).contains(message);
            assertThat(source.files()).as("never handed to a parser").noneMatch(f -> f.path().equals(relative));
            return problem;
        } finally {
            Files.deleteIfExists(rules.resolve(relative));
        }
    }

    @Test
    void reloadAndBuildRefuseEveryKindAndTheRulesKeepServing(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build()) {
            String serving = engine.ruleSet().version();
            List<String> names = List.of("eligibility/parens.drl", "eligibility/chain.drl", "eligibility/bomb.drl.xlsx",
                    "refund/huge.drl.csv");
            List<byte[]> attacks = List.of(utf8(constraint("(".repeat(20_000) + "\"x\"" + ")".repeat(20_000))),
                    utf8(consequence("Object x = a" + ".a".repeat(20_000) + ";")), zipBomb(300, false),
                    utf8("RuleSet,refund\n" + "kuaishou,VIRTUAL,true\n".repeat(150_000)));
            for (int i = 0; i < names.size(); i++) {
                Path file = rules.resolve(names.get(i));
                Files.write(file, attacks.get(i));
                long started = System.nanoTime();
                ReloadResult reload = engine.reload();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(reload.status()).isEqualTo(ReloadResult.Status.REJECTED);
                assertThat(reload.problems()).anyMatch(p -> p.startsWith(file.toString() + ":"));
                assertThat(took).as("a reload that compiles the rest and refuses " + file).isLessThan(
                        Duration.ofSeconds(30));
                assertThat(engine.ruleSet().version()).isEqualTo(serving);
                assertOtherConsumersUnchanged(engine);
                String name = names.get(i);
                if (i == 0) { // a build reads the same way (one is enough: each compiles the whole rule set)
                    assertThatThrownBy(() -> PayAfterEngine.builder().rules(rules).profile("kuaishou").build())
                            .isInstanceOf(dev.payafter.RuleCompilationException.class).hasMessageContaining(name);
                }
                Files.delete(file);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDottedChainOf40KbIsRefusedAtItsLine(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        String chain = "a" + ".a".repeat(20_000);
        assertRefused(rules, "eligibility/chain-when.drl", utf8(constraint(chain)), 5, "member accesses");
        assertRefused(rules, "eligibility/chain-then.drl", utf8(consequence("Object x = " + chain + ";")), 7,
                "member accesses");
        assertRefused(rules, "eligibility/calls-then.drl", utf8(consequence("String x = \"\"" + ".trim()".repeat(5_000)
                + ";")), 7, "member accesses");
    }

    @Test
    void twentyThousandNestedBracketsAreRefusedAtTheirLine(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        int n = 20_000;
        assertRefused(rules, "eligibility/parens-when.drl", utf8(constraint("(".repeat(n) + "\"x\"" + ")".repeat(n))), 5,
                "nest more than 64");
        assertRefused(rules, "eligibility/parens-then.drl", utf8(consequence("Object x = " + "(".repeat(n) + "1"
                + ")".repeat(n) + ";")), 7, "nest more than 64");
        assertRefused(rules, "eligibility/braces-then.drl", utf8(consequence("{".repeat(n) + "}".repeat(n))), 7,
                "nest more than 64");
        assertRefused(rules, "eligibility/arrays-then.drl", utf8(consequence("Object x = " + "new Object[] {".repeat(n)
                + "}".repeat(n) + ";")), 7, "nest more than 64");
        // hidden in a comment and a string as a checker might misread them, still counted
        assertRefused(rules, "eligibility/parens-hidden.drl", utf8(consequence("Object x = \"" + "(".repeat(n)
                + "\";")), 7, "counting those in strings and comments");
    }

    @Test
    void aHugeNameIsRefused(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        assertRefused(rules, "eligibility/name.drl", utf8(consequence("int " + "a".repeat(40_000) + " = 1;")), 7,
                "a name or number of 40000 characters");
    }

    @Test
    void aHugeCsvTableIsRefusedAtTheRowPastTheBound(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        String table = Files.readString(rules.resolve("refund/excluded-categories.drl.csv"));
        StringBuilder huge = new StringBuilder(table);
        for (int i = 0; huge.length() < 3_900_000; i++) {
            huge.append("kuaishou,VIRTUAL,true\n");
        }
        assertRefused(rules, "refund/huge.drl.csv", utf8(huge.toString().replace("RuleTable Excluded categories",
                "RuleTable Huge")), 5_001, "more than 5000 rows");
        StringBuilder wide = new StringBuilder(table.replace("RuleTable Excluded categories", "RuleTable Wide"));
        wide.append("kuaishou").append(",VIRTUAL".repeat(200_000)).append('\n');
        assertRefused(rules, "refund/wide.drl.csv", utf8(wide.toString()), 13, "more than 100000 cells");
    }

    /** A zip whose one sheet is {@code megabytes} of spaces: a few KB packed. */
    static byte[] zipBomb(int megabytes, boolean lieAboutSizes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(utf8("<Types/>"));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        byte[] bytes = out.toByteArray();
        if (lieAboutSizes) { // the central directory says every entry unpacks to 100 bytes
            for (int i = 0; i + 46 <= bytes.length; i++) {
                if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02) {
                    bytes[i + 24] = 100;
                    bytes[i + 25] = 0;
                    bytes[i + 26] = 0;
                    bytes[i + 27] = 0;
                }
            }
        }
        return bytes;
    }

    @Test
    void aWorkbookThatUnpacksToTensOfMegabytesIsRefusedUnpacked(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        byte[] bomb = zipBomb(300, false);
        assertThat(bomb.length).as("packed").isLessThan(1 << 20);
        assertRefused(rules, "eligibility/bomb.drl.xlsx", bomb, 0, "declares more than 16 MiB unpacked");
        assertRefused(rules, "eligibility/liar.drl.xlsx", zipBomb(40, true), 0, "unpacks to more than 16 MiB");
        assertRefused(rules, "eligibility/bomb.scenarios.xlsx", bomb, 0, "more than 16 MiB");
    }

    @Test
    void aWorkbookWithTooManyPartsOrCellsIsRefused(@TempDir Path temp) throws IOException {
        Path rules = TestRules.copyOfBundled(temp);
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(parts)) {
            for (int i = 0; i < 1_500; i++) {
                zip.putNextEntry(new ZipEntry("xl/part" + i + ".xml"));
            }
        }
        assertRefused(rules, "eligibility/parts.drl.xlsx", parts.toByteArray(), 0, "1500 parts");

        ByteArrayOutputStream cells = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("Policy");
            for (int r = 0; r < 6_000; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("kuaishou");
            }
            workbook.write(cells);
        }
        assertRefused(rules, "eligibility/rows.drl.xlsx", cells.toByteArray(), 0, "sheet1 has 6000 rows");

        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("Policy").createRow(0).createCell(0).setCellValue("(".repeat(5_000));
            workbook.write(nested);
        }
        assertRefused(rules, "eligibility/nested.drl.xlsx", nested.toByteArray(), 0, "the text of a cell");
    }

    @Test
    void theWatcherSurvivesEveryPathologicalFile(@TempDir Path temp) throws Exception {
        Path rules = TestRules.copyOfBundled(temp);
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .watchRules(Duration.ofMillis(100)).onReload(results::add).build()) {
            String serving = engine.ruleSet().version();
            List<byte[]> attacks = List.of(utf8(constraint("(".repeat(20_000) + "\"x\"" + ")".repeat(20_000))),
                    zipBomb(40, true));
            List<String> names = List.of("eligibility/a.drl", "eligibility/d.drl.xlsx");
            for (int i = 0; i < attacks.size(); i++) {
                String name = names.get(i);
                Files.write(rules.resolve(name), attacks.get(i));
                ReloadResult result = results.poll(60, TimeUnit.SECONDS);
                assertThat(result).as("the watcher's reload after " + name).isNotNull();
                assertThat(result.status()).isEqualTo(ReloadResult.Status.REJECTED);
                assertThat(result.problems()).anyMatch(p -> p.contains(name));
                assertThat(engine.ruleSet().version()).isEqualTo(serving);
                Files.delete(rules.resolve(name));
                results.poll(60, TimeUnit.SECONDS); // the reload after the delete: the serving files again
                results.clear();
            }
            TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                    "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
            ReloadResult last = results.poll(60, TimeUnit.SECONDS);
            assertThat(last).as("the watcher still runs").isNotNull();
            assertThat(last.status()).isEqualTo(ReloadResult.Status.SWAPPED);
        }
    }
}
