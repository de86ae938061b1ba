package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.Scenario;
import dev.payafter.internal.Challenger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAndChallengerTest {
    @TempDir
    Path temp;

    private static EligibilityRequest consumer(String id, int zhima) {
        return new EligibilityRequest("order-" + id, Scenario.ECOMMERCE_GOODS, new BigDecimal("20.00"), true,
                Consumer.inGoodStanding(id, new BigDecimal("100.00"), CreditScore.zhima(zhima)),
                Merchant.enabled("m-1"));
    }

    @Test
    void theAuditFileAloneSaysWhyAConsumerWasRefusedOnTheThird() throws IOException {
        Path file = temp.resolve("audit/decisions.jsonl");
        Instant third = Instant.parse("2026-03-03T01:30:00Z");
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 1 << 20, 3)) {
            PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(sink)
                    .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();
            engine.decide(consumer("alice", 700));
            engine.withClock(Clock.fixed(third, ZoneOffset.UTC)).decide(consumer("alice", 549));
            engine.withClock(Clock.fixed(third, ZoneOffset.UTC)).decide(consumer("bob", 549));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        List<String> aliceOnTheThird = lines.stream().filter(l -> l.contains("\"id\":\"alice\""))
                .filter(l -> l.contains("\"decidedAt\":\"2026-03-03")).toList();
        assertThat(aliceOnTheThird).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"decidedAt\":\"2026-03-03T01:30:00Z\",\"kind\":\"ELIGIBILITY\",\"profile\":\"kuaishou\"")
                .contains("\"outcome\":\"INELIGIBLE\"")
                .contains("\"code\":\"SCORE_BELOW_MINIMUM\",\"message\":\"ZHIMA score 549 is below the minimum 550\","
                        + "\"rule\":\"Score below the profile's minimum\"")
                .contains("\"value\":549")
                .contains("\"amount\":\"20.00\"")
                .contains("\"ruleSetVersion\":\"" + PayAfterEngine.builder().profile("kuaishou").build().ruleSet().version()));
    }

    @Test
    void theAuditFileRotatesBySizeAndKeepsTheNewestFiles() throws IOException {
        Path file = temp.resolve("audit.jsonl");
        PayAfterEngine engine;
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 4096, 2)) {
            engine = PayAfterEngine.builder().profile("kuaishou").onDecision(sink).build();
            for (int i = 0; i < 40; i++) {
                engine.decide(consumer("c" + i, 600));
            }
        }
        assertThat(file).exists();
        assertThat(temp.resolve("audit.jsonl.1")).exists();
        assertThat(temp.resolve("audit.jsonl.2")).exists();
        assertThat(temp.resolve("audit.jsonl.3")).doesNotExist();
        List<String> kept = new ArrayList<>();
        for (String name : new String[] {"audit.jsonl.2", "audit.jsonl.1", "audit.jsonl"}) {
            assertThat(Files.size(temp.resolve(name))).isLessThanOrEqualTo(4096);
            kept.addAll(Files.readAllLines(temp.resolve(name), StandardCharsets.UTF_8));
        }
        assertThat(kept).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(kept.get(kept.size() - 1)).contains("\"id\":\"c39\"");
    }

    @Test
    void aListenerThatThrowsNeverChangesTheDecision() {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(record -> {
            throw new IllegalStateException("audit down");
        }).build();
        assertThat(engine.decide(consumer("alice", 700)).eligible()).isTrue();
    }

    private Path challengerAt600() {
        Path rules = TestRules.copyOfBundled(temp.resolve("challenger"));
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        return rules;
    }

    @Test
    void inShadowModeTheChampionServesAndDisagreementsAreRecorded() {
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").shadowChallenger(challengerAt600())
                .keepDisagreements(5).build();
        String champion = engine.ruleSet().version();

        EligibilityDecision at575 = engine.decide(consumer("carol", 575));
        engine.decide(consumer("dave", 700));
        engine.decide(consumer("erin", 500));
        engine.decide(Requests.refund("10.00"));

        assertThat(at575.eligible()).isTrue();
        assertThat(at575.trace().ruleSetVersion()).isEqualTo(champion);
        ChallengerReport report = engine.challengerReport().orElseThrow();
        assertThat(report.mode()).isEqualTo(ChallengerMode.SHADOW);
        assertThat(report.challengerVersion()).isNotEqualTo(champion);
        assertThat(report.compared()).containsEntry(DecisionKind.ELIGIBILITY, 3L).containsEntry(DecisionKind.REFUND, 1L);
        assertThat(report.agreed()).containsEntry(DecisionKind.ELIGIBILITY, 2L).containsEntry(DecisionKind.REFUND, 1L);
        assertThat(report.disagreed(DecisionKind.ELIGIBILITY)).isEqualTo(1);
        assertThat(report.disagreements()).singleElement().satisfies(d -> {
            assertThat(((EligibilityRequest) d.request()).consumer().id()).isEqualTo("carol");
            assertThat(((EligibilityDecision) d.champion()).eligible()).isTrue();
            assertThat(((EligibilityDecision) d.challenger()).reasonCodes()).containsExactly("SCORE_BELOW_MINIMUM");
        });
    }

    @Test
    void inSplitModeAStableShareOfConsumersIsServedByTheChallenger() {
        Path challenger = challengerAt600();
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").splitChallenger(challenger, 30).build();
        String challengerVersion = engine.challengerReport().orElseThrow().challengerVersion();

        int byChallenger = 0;
        for (int i = 0; i < 400; i++) {
            String id = "consumer-" + i;
            EligibilityDecision d = engine.decide(consumer(id, 575));
            boolean inShare = Challenger.inChallengerShare(id, 30);
            assertThat(d.trace().ruleSetVersion().equals(challengerVersion)).as(id).isEqualTo(inShare);
            assertThat(d.eligible()).as(id).isEqualTo(!inShare);
            assertThat(engine.decide(consumer(id, 575)).trace().ruleSetVersion()).isEqualTo(d.trace().ruleSetVersion());
            byChallenger += inShare ? 1 : 0;
        }
        assertThat(byChallenger).isBetween(90, 150);
        assertThat(engine.challengerReport().orElseThrow().servedByChallenger())
                .containsEntry(DecisionKind.ELIGIBILITY, 2L * byChallenger);
    }

    @Test
    void theAuditRecordSaysWhenTheChallengerServed() {
        List<DecisionRecord> records = new ArrayList<>();
        PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").splitChallenger(challengerAt600(), 100)
                .onDecision(records::add).clock(Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneId.of("UTC")))
                .build();
        engine.decide(consumer("frank", 575));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.servedByChallenger()).isTrue();
            assertThat(r.kind()).isEqualTo(DecisionKind.ELIGIBILITY);
            assertThat(r.elapsedNanos()).isPositive();
            assertThat(JsonLinesAuditSink.line(r)).contains("\"servedByChallenger\":true");
        });
        try (Stream<Path> none = Stream.empty()) {
            assertThat(none).isEmpty();
        }
    }
}
