package dev.payafter.bench;

import dev.payafter.TestRules;
import dev.payafter.tools.AnalystCli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A timed run of {@code diff} on a million recorded requests: the bundled rules against a copy whose Kuaishou
 * minimum is 600 instead of 550 ("what if I raise the threshold to 600?"). Not a unit test: run it by hand,
 *
 * <pre>mvn -q test-compile exec:java@diff-benchmark                 # 1,000,000 requests
 * mvn -q test-compile exec:java@diff-benchmark -Dexec.args=200000   # fewer</pre>
 *
 * It writes {@code target/diff-benchmark/requests.jsonl} (a fixed seed: the same file every time) and the changed
 * decisions beside it, and prints the CLI's report with the time the replay took.
 */
public final class DiffBenchmark {
    /** Where the requests, the stricter rules and the changed decisions go. */
    public static final Path DIR = Path.of("target", "diff-benchmark");
    private static final String[] PROFILES = {"kuaishou", "tmall", "zhima-650", "jd", "wechat-pay-score", "alipay"};

    private DiffBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path requests = requests(count);
        Path stricter = stricterRules();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        long started = System.nanoTime();
        int code = AnalystCli.run(new String[] {"diff", "rules", stricter.toString(), requests.toString(),
                "--out", DIR.resolve("changed.jsonl").toString(), "--threads", "2"}, out, out);
        out.printf("diff of %,d requests: exit %d, %.1f s including both rule builds (%d cores)%n", count, code,
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors());
    }

    /** The file of {@code count} recorded requests, written on first use (a fixed seed: the same file every time). */
    public static Path requests(int count) throws IOException {
        Files.createDirectories(DIR);
        Path requests = DIR.resolve("requests-" + count + ".jsonl");
        if (!Files.exists(requests)) {
            write(requests, count);
        }
        return requests;
    }

    /** A fresh copy of the bundled rules whose Kuaishou minimum is 600 instead of 550. */
    public static Path stricterRules() throws IOException {
        Path dir = DIR.resolve("rules-600");
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path stricter = TestRules.copyOfBundled(dir);
        // fails if the table no longer has this row: the benchmark would compare identical rule sets
        TestRules.replace(stricter, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        return stricter;
    }

    /** Recorded requests of all three kinds under every profile, values spread around the thresholds. */
    static void write(Path file, int count) throws IOException {
        Random random = new Random(20260301);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String profile = PROFILES[random.nextInt(PROFILES.length)];
                int pick = random.nextInt(10);
                if (pick < 6) {
                    String scenario = profile.equals("wechat-pay-score") ? "SHIP_FIRST_PAY_LATER"
                            : profile.equals("alipay") ? "DEPOSIT_FREE_RENTAL" : "ECOMMERCE_GOODS";
                    String score = profile.equals("jd") ? "\"jd_xiaobai\":" + (250 + random.nextInt(100))
                            : profile.equals("wechat-pay-score") ? "\"wechat_pay_score\":" + (500 + random.nextInt(150))
                            : "\"zhima\":" + (500 + random.nextInt(200));
                    w.write("{\"kind\":\"eligibility\",\"profile\":\"" + profile + "\",\"id\":\"o-" + i
                            + "\",\"scenario\":\"" + scenario + "\"," + score + ",\"amount\":" + (1 + random.nextInt(500))
                            + "." + (10 + random.nextInt(90)) + (profile.equals("alipay") ? ",\"merchant_minimum\":600"
                            : "") + (random.nextInt(20) == 0 ? ",\"overdue_orders\":1" : "") + "}\n");
                } else if (pick < 8) {
                    w.write("{\"kind\":\"refund\",\"profile\":\"" + profile + "\",\"id\":\"r-" + i + "\",\"premium\":"
                            + (random.nextInt(4) > 0) + ",\"paid_amount\":" + (200 + random.nextInt(200)) + ".00"
                            + ",\"shipping\":\"" + (random.nextInt(5) == 0 ? "SHIPPED" : "UNSHIPPED") + "\"}\n");
                } else {
                    int day = 3 + random.nextInt(20);
                    w.write("{\"kind\":\"deduction\",\"profile\":\"" + profile + "\",\"id\":\"d-" + i
                            + "\",\"now\":\"2026-03-" + String.format("%02d", day + 5) + "T10:00+08:00\""
                            + ",\"ordered_at\":\"2026-03-01T10:00+08:00\",\"delivered_at\":\"2026-03-"
                            + String.format("%02d", day) + "T10:00+08:00\",\"amount\":" + (1 + random.nextInt(300))
                            + ".00}\n");
                }
            }
        }
    }
}
