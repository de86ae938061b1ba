package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.Requests;
import dev.payafter.RuleSetInfo;
import dev.payafter.TestRules;
import dev.payafter.eligibility.EligibilityDecision;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload, versions, rollback and the scenario gate; time comes from a fixed clock, never from sleeping. */
class LiveRulesTest {
    static final Instant LOADED = Instant.parse("2026-03-01T02:00:00Z");
    static final String KUAISHOU_550 = "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550";
    static final String KUAISHOU_600 = "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600";
    static final String POLICY = "eligibility/eligibility-policy.drl.csv";

    @TempDir
    Path temp;

    private final List<ReloadResult> told = new CopyOnWriteArrayList<>();

    private PayAfterEngine.Builder builder(Path rules) {
        return PayAfterEngine.builder().rules(rules).profile("kuaishou").clock(Clock.fixed(LOADED, ZoneOffset.UTC))
                .onReload(told::add);
    }

    @Test
    void reloadSwapsInANewVersionAndRollbackRestoresTheOldOne() {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = builder(rules).label("release-1").keepVersions(2).build();
        RuleSetInfo first = engine.ruleSet();
        assertThat(first.label()).isEqualTo("release-1");
        assertThat(first.loadedAt()).isEqualTo(LOADED);
        assertThat(first.rules()).contains("Score below the profile's minimum", "eligibility-policy.drl.csv row 11");
        assertThat(engine.decide(Requests.zhima(575, "10.00")).eligible()).isTrue();

        TestRules.replace(rules, POLICY, KUAISHOU_550, KUAISHOU_600);
        ReloadResult swapped = engine.reload();

        assertThat(swapped.status()).isEqualTo(ReloadResult.Status.SWAPPED);
        assertThat(swapped.serving().version()).isNotEqualTo(first.version()).isEqualTo(engine.ruleSet().version());
        EligibilityDecision after = engine.decide(Requests.zhima(575, "10.00"));
        assertThat(after.reasonCodes()).containsExactly("SCORE_BELOW_MINIMUM");
        assertThat(after.trace().ruleSetVersion()).isEqualTo(swapped.serving().version());
        assertThat(engine.withProfile("tmall").ruleSet().version()).isEqualTo(swapped.serving().version());
        assertThat(engine.previousRuleSets()).extracting(RuleSetInfo::version).containsExactly(first.version());

        ReloadResult back = engine.rollbackTo(first.version());
        assertThat(back.status()).isEqualTo(ReloadResult.Status.ROLLED_BACK);
        assertThat(engine.ruleSet().version()).isEqualTo(first.version());
        assertThat(engine.decide(Requests.zhima(575, "10.00")).eligible()).isTrue();
        assertThat(engine.previousRuleSets()).extracting(RuleSetInfo::version)
                .containsExactly(swapped.serving().version());
        assertThat(engine.rollbackTo("0000000000000000").status()).isEqualTo(ReloadResult.Status.REJECTED);

        assertThat(told).extracting(ReloadResult::status).containsExactly(ReloadResult.Status.SWAPPED,
                ReloadResult.Status.ROLLED_BACK, ReloadResult.Status.REJECTED);
    }

    @Test
    void unchangedFilesAreNotRecompiled() {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = builder(rules).build();
        TestRules.write(rules, "eligibility/kuaishou.scenarios.csv", "name,expected_outcome,expected_reasons\n");
        ReloadResult result = engine.reload();
        assertThat(result.status()).isEqualTo(ReloadResult.Status.UNCHANGED);
        assertThat(result.serving()).isSameAs(engine.ruleSet());
    }

    @Test
    void aCandidateThatDoesNotCompileIsRejectedAndTheOldRulesKeepServing() {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = builder(rules).build();
        String serving = engine.ruleSet().version();
        TestRules.replace(rules, POLICY, KUAISHOU_550, KUAISHOU_600);
        TestRules.write(rules, "refund/broken.drl", "package refund;\nrule \"Broken\" when then end end\n");

        ReloadResult result = engine.reload();

        assertThat(result.status()).isEqualTo(ReloadResult.Status.REJECTED);
        assertThat(result.serving().version()).isEqualTo(serving);
        assertThat(result.candidateVersion()).isNotEqualTo(serving);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("broken.drl:2"));
        assertThat(told).containsExactly(result);
        assertThat(engine.ruleSet().version()).isEqualTo(serving);
        assertThat(engine.decide(Requests.zhima(575, "10.00")).eligible()).isTrue();
    }

    @Test
    void theScenarioGateKeepsOutARuleSetThatFailsItsOwnScenarios() {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = builder(rules).requireScenarioTablesToPass().build();
        String serving = engine.ruleSet().version();

        TestRules.replace(rules, POLICY, KUAISHOU_550, KUAISHOU_600); // kuaishou's 550/549 scenarios now fail
        ReloadResult result = engine.reload();

        assertThat(result.status()).isEqualTo(ReloadResult.Status.REJECTED);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("kuaishou.scenarios.csv")
                .contains("expected ELIGIBLE but was INELIGIBLE"));
        assertThat(engine.ruleSet().version()).isEqualTo(serving);

        assertThatThrownBy(() -> builder(rules).requireScenarioTablesToPass().build())
                .isInstanceOf(PayAfterException.class).hasMessageContaining("fails its scenario tables");
    }

    @Test
    void everyDecisionDuringReloadsIsWhollyTheVersionItReports() throws Exception {
        Path rules = TestRules.copyOfBundled(temp);
        PayAfterEngine engine = builder(rules).build();
        String at550 = engine.ruleSet().version();
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<Thread> deciders = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.LongAdder decided = new java.util.concurrent.atomic.LongAdder();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    EligibilityDecision d = engine.decide(Requests.zhima(575, "10.00"));
                    boolean expectEligible = d.trace().ruleSetVersion().equals(at550);
                    if (d.eligible() != expectEligible) {
                        wrong.add(d.trace().ruleSetVersion() + " " + d.outcome());
                    }
                    decided.increment();
                }
            });
            deciders.add(thread);
            thread.start();
        }
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (i % 2 == 0) {
                TestRules.replace(rules, POLICY, KUAISHOU_550, KUAISHOU_600);
            } else {
                TestRules.replace(rules, POLICY, KUAISHOU_600, KUAISHOU_550);
            }
            ReloadResult result = engine.reload();
            assertThat(result.status()).isEqualTo(ReloadResult.Status.SWAPPED);
            versions.add(result.serving().version());
        }
        stop.set(true);
        for (Thread thread : deciders) {
            thread.join();
        }
        assertThat(versions).containsOnly(at550, versions.get(0)).hasSize(4);
        assertThat(decided.sum()).isPositive();
        assertThat(wrong).isEmpty();
    }
}
