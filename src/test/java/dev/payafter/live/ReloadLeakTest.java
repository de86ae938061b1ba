package dev.payafter.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payafter.PayAfterEngine;
import dev.payafter.Requests;
import dev.payafter.TestRules;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drools has leaked class loaders and metaspace on redeploy. 1,000 reloads ({@code mvn verify -Psoak}; 100 in
 * the default build, where 1,000 would take minutes), each compiling a new version (a DRL
 * file and a decision table, so new classes every time), must leave heap and metaspace after a full GC within a
 * fixed bound of where they stood after the first reload. The rule set is small so the test stays quick; the
 * system property {@code payafter.leak.bundled=true} runs it on the whole bundled rule set instead.
 */
class ReloadLeakTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadLeakTest.class);
    static final int RELOADS = Integer.getInteger("payafter.leak.reloads", 1_000);
    static final long HEAP_BOUND = 48L << 20;
    static final long METASPACE_BOUND = 24L << 20;

    @TempDir
    Path temp;

    private Path smallRuleSet() throws IOException {
        Path rules = temp.resolve("rules");
        TestRules.write(rules, "profiles.csv", "profile,description\nkuaishou,leak test\n");
        Files.createDirectories(rules.resolve("eligibility"));
        Files.copy(TestRules.BUNDLED.resolve("eligibility/eligibility-policy.drl.csv"),
                rules.resolve("eligibility/eligibility-policy.drl.csv"));
        Files.copy(TestRules.BUNDLED.resolve("eligibility/scenario-offered.drl"),
                rules.resolve("eligibility/scenario-offered.drl"));
        Files.copy(TestRules.BUNDLED.resolve("eligibility/credit-score.drl"),
                rules.resolve("eligibility/credit-score.drl"));
        return rules;
    }

    @Test
    void aThousandReloadsLeaveHeapAndMetaspaceWithinABound() throws IOException {
        Path rules = Boolean.getBoolean("payafter.leak.bundled") ? TestRules.copyOfBundled(temp) : smallRuleSet();
        String policy = "eligibility/eligibility-policy.drl.csv";
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        long[] first = null;
        long started = System.nanoTime();
        for (int i = 1; i <= RELOADS; i++) {
            boolean odd = i % 2 == 1;
            TestRules.replace(rules, policy, odd ? "ZHIMA,550" : "ZHIMA,551", odd ? "ZHIMA,551" : "ZHIMA,550");
            assertThat(engine.reload().status()).as("reload " + i).isEqualTo(ReloadResult.Status.SWAPPED);
            assertThat(engine.decide(Requests.zhima(550, "1.00")).eligible()).as("reload " + i).isEqualTo(!odd);
            if (i == 1) {
                first = afterFullGc();
            }
        }
        long elapsed = System.nanoTime() - started;
        long[] last = afterFullGc();
        LOG.info("{} reloads in {} ms ({} ms each); heap {} -> {} KiB, metaspace {} -> {} KiB", RELOADS,
                elapsed / 1_000_000, elapsed / 1_000_000 / RELOADS, first[0] >> 10, last[0] >> 10, first[1] >> 10,
                last[1] >> 10);
        assertThat(last[0] - first[0]).as("heap growth after %d reloads", RELOADS).isLessThan(HEAP_BOUND);
        assertThat(last[1] - first[1]).as("metaspace growth after %d reloads", RELOADS).isLessThan(METASPACE_BOUND);
    }

    /** Heap used and metaspace used, in bytes, after full collections. */
    private static long[] afterFullGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
        return new long[] {heap, metaspace};
    }

    static {
        assert ManagementFactory.getMemoryPoolMXBeans().stream().map(MemoryPoolMXBean::getName)
                .anyMatch("Metaspace"::equals) : "no Metaspace pool";
    }
}
