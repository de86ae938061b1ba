package dev.payafter.bench;

import dev.payafter.PayAfterEngine;
import dev.payafter.TestRules;
import dev.payafter.live.ReloadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A timed run, not a test: {@code engine.reload()} of a copy of the bundled rules, 40 times, each a real change
 * (Kuaishou's minimum takes a value it never had, so the compiler's builds kept by content never serve it) so every
 * reload compiles the eligibility folder and swaps. Prints the warm figures (reloads 11
 * to 40). Run: {@code mvn -q test-compile exec:java@reload-timing}.
 */
public final class ReloadTiming {
    private ReloadTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path rules = TestRules.copyOfBundled(Files.createTempDirectory("payafter-reload"));
        Path policy = rules.resolve("eligibility/eligibility-policy.drl.csv");
        String text = Files.readString(policy);
        PayAfterEngine engine = PayAfterEngine.builder().rules(rules).profile("kuaishou").build();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Files.writeString(policy, text.replace(",ZHIMA,550,", ",ZHIMA," + (1000 + i) + ","));
            long started = System.nanoTime();
            ReloadResult result = engine.reload();
            millis.add((System.nanoTime() - started) / 1_000_000);
            if (result.status() != ReloadResult.Status.SWAPPED) {
                throw new IllegalStateException("reload " + i + ": " + result);
            }
        }
        List<Long> warm = new ArrayList<>(millis.subList(10, millis.size()));
        Collections.sort(warm);
        System.out.printf("reload of the bundled rules from a directory, reloads 11-40: min %d ms, median %d ms,"
                + " max %d ms (first three: %s)%n", warm.get(0), warm.get(warm.size() / 2), warm.get(warm.size() - 1),
                millis.subList(0, 3));
    }
}
