package dev.payafter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binder's meters count what the engine decided, with bounded tags only. */
class PayAfterMetricsTest {
    @TempDir
    Path temp;

    @Test
    void decisionsReasonsAndReloadsAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Path rules = TestRules.copyOfBundled(temp);
        try (PayAfterEngine engine = PayAfterMetrics.build(PayAfterEngine.builder().rules(rules).profile("kuaishou"),
                registry)) {
            engine.decide(Requests.zhima(550, "199"));
            engine.decide(Requests.zhima(549, "199"));
            engine.decide(Requests.zhima(548, "199"));
            engine.decide(Requests.refund("299.99"));
            engine.reload(); // unchanged
            TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                    "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
            engine.reload(); // swapped
        }
        Timer ineligible = registry.get(PayAfterMetrics.DECISIONS).tags("kind", "eligibility", "profile", "kuaishou",
                "outcome", "INELIGIBLE").timer();
        assertThat(ineligible.count()).isEqualTo(2);
        assertThat(ineligible.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get(PayAfterMetrics.DECISIONS).tags("kind", "eligibility", "outcome", "ELIGIBLE").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(PayAfterMetrics.DECISIONS).tags("kind", "refund", "outcome", "AUTO_APPROVED").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(PayAfterMetrics.REASONS).tags("kind", "eligibility", "code", "SCORE_BELOW_MINIMUM")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(PayAfterMetrics.RELOADS).tags("result", "UNCHANGED").counter().count()).isEqualTo(1);
        assertThat(registry.get(PayAfterMetrics.RELOADS).tags("result", "SWAPPED").counter().count()).isEqualTo(1);
        assertThat(registry.get(PayAfterMetrics.STUCK_WORKERS).gauge().value()).isZero();
        assertThat(registry.find(PayAfterMetrics.FAILED_CLOSED).counters()).isEmpty();
        // no id is ever a tag
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).noneSatisfy(tag -> assertThat(tag.getValue())
                    .matches("order-.*|consumer-.*|merchant-.*|buyer-.*|[0-9a-f]{16}"));
        }
    }

    @Test
    void aRuleSetsTagValuesAreBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PayAfterMetrics metrics = new PayAfterMetrics(registry);
        try (PayAfterEngine engine = PayAfterEngine.builder().profile("kuaishou").onDecision(metrics).build()) {
            var record = new java.util.concurrent.atomic.AtomicReference<dev.payafter.live.DecisionRecord>();
            try (PayAfterEngine capture = PayAfterEngine.builder().profile("kuaishou").onDecision(record::set)
                    .build()) {
                capture.decide(Requests.zhima(549, "199"));
            }
            dev.payafter.live.DecisionRecord r = record.get();
            for (int i = 0; i < 500; i++) {
                metrics.onDecision(new dev.payafter.live.DecisionRecord(r.kind(), r.decidedAt(), "profile-" + i,
                        r.request(), r.decision(), 1000, false));
            }
            assertThat(engine.profile()).isEqualTo("kuaishou");
        }
        long profiles = registry.find(PayAfterMetrics.DECISIONS).timers().stream()
                .map(t -> t.getId().getTag("profile")).distinct().count();
        assertThat(profiles).isEqualTo(PayAfterMetrics.MAX_TAG_VALUES + 1); // 100 kept, then "other"
        assertThat(registry.get(PayAfterMetrics.DECISIONS).tags("profile", "other").timer().count()).isEqualTo(400);
    }
}
