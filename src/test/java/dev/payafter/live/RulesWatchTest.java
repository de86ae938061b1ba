package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import dev.payafter.internal.RulesWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesWatchTest {
    @Test
    void aBurstOfChangesBecomesOneReloadOnceQuiet() {
        RulesWatcher.Debouncer debouncer = new RulesWatcher.Debouncer(Duration.ofMillis(500));
        long ms = 1_000_000L;
        assertThat(debouncer.due(0)).isFalse();
        debouncer.changed(0);
        debouncer.changed(300 * ms);
        assertThat(debouncer.due(700 * ms)).as("only 400 ms quiet").isFalse();
        assertThat(debouncer.due(800 * ms)).as("500 ms quiet").isTrue();
        assertThat(debouncer.due(900 * ms)).as("consumed").isFalse();
        debouncer.changed(1_000 * ms);
        assertThat(debouncer.due(1_499 * ms)).isFalse();
        assertThat(debouncer.due(1_500 * ms)).isTrue();
    }

    @Test
    void theWatchReloadsAfterAnAnalystSavesATable(@TempDir Path temp) throws InterruptedException {
        Path rules = TestRules.copyOfBundled(temp);
        BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
        try (PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou")
                .watchRules(Duration.ofMillis(200)).onReload(results::add).build()) {
            String before = engine.ruleSet().version();
            TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                    "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");

            ReloadResult result = results.poll(60, TimeUnit.SECONDS); // waits for the event, never a fixed sleep
            assertThat(result).as("a reload within 60 s").isNotNull();
            assertThat(result.status()).isEqualTo(ReloadResult.Status.SWAPPED);
            assertThat(engine.ruleSet().version()).isNotEqualTo(before).isEqualTo(result.serving().version());
        }
    }
}
