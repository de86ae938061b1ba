package dev.payafter.tools.backtest;

import dev.payafter.PayAfterEngine;
import dev.payafter.eligibility.Consumer;
import dev.payafter.eligibility.CreditScore;
import dev.payafter.eligibility.EligibilityDecision;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.eligibility.Merchant;
import dev.payafter.eligibility.RiskAssessment;
import dev.payafter.eligibility.Scenario;
import dev.payafter.live.DecisionKind;
import dev.payafter.live.DecisionRecord;
import dev.payafter.live.JsonLinesAuditSink;
import dev.payafter.refund.Buyer;
import dev.payafter.refund.CategoryType;
import dev.payafter.refund.RefundDecision;
import dev.payafter.refund.RefundRequest;
import dev.payafter.refund.ShippingStatus;
import dev.payafter.refund.TradingHistory;
import dev.payafter.tools.Differ;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Test data for the backtest: a month (November 2026) of recorded decisions, written by the audit sink's own line
 * writer from real decisions of the bundled rules at each recorded time, and what happened to those orders, from a
 * fixed seed (same seed, same bytes).
 *
 * <p>Mix: 60% Kuaishou eligibility, 15% Tmall, 5% JD, 20% Kuaishou fast refunds. Zhima scores are normal around
 * 640 (sd 80). An approved pay-after-use order goes bad with probability {@code 0.4 / (1 + e^((score - 580) / 35))}
 * (28% at 550, 15% at 600, 1% at 700); a bad one is overdue (60%, all or half of the amount unpaid) or paid late.
 * A refund is disputed with probability {@code 3% + 6% per past dispute + refund rate / 4}, and the merchant had
 * shipped in 2%. 1% of orders have no outcome. Refused orders have none (nothing was lent).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.payafter.tools.backtest.BacktestData -Dexec.args="DIR COUNT [SEED]"}: writes
 * {@code DIR/decisions.jsonl.gz}, {@code DIR/outcomes.csv.gz} and {@code DIR/rules-600} (the bundled rules with
 * Kuaishou's minimum Zhima score raised from 550 to 600).
 */
public final class BacktestData {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration MONTH = Duration.ofDays(30);
    private static final BigDecimal[] PRICES = Stream.of("9.90", "19.90", "29.00", "39.90", "59.00", "79.00",
            "99.00", "129.00", "159.00", "199.00", "249.00", "299.00", "399.00", "499.00", "699.00", "899.00")
            .map(BigDecimal::new).toArray(BigDecimal[]::new);

    private BacktestData() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 14;
        Files.createDirectories(dir);
        long started = System.nanoTime();
        write(Path.of("rules"), dir.resolve("decisions.jsonl.gz"), dir.resolve("outcomes.csv.gz"), count, seed);
        rulesWith(Path.of("rules"), dir.resolve("rules-600"), 600, null);
        System.out.printf("wrote %d decisions to %s in %d ms%n", count, dir, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A copy of {@code rules} with Kuaishou's minimum Zhima score and fast-refund limit changed.
     *
     * @param kuaishouMinimum the new minimum, or null to keep 550
     * @param refundLimit the new "paid amount must be under" limit in yuan, or null to keep 300.00
     */
    public static Path rulesWith(Path rules, Path target, Integer kuaishouMinimum, String refundLimit)
            throws IOException {
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(rules.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (kuaishouMinimum != null) {
            replace(target.resolve("eligibility/eligibility-policy.drl.csv"), "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550,",
                    "kuaishou,ECOMMERCE_GOODS,,,ZHIMA," + kuaishouMinimum + ",");
        }
        if (refundLimit != null) {
            replace(target.resolve("refund/fast-refund-policy.drl.csv"), "kuaishou,,,300.00,",
                    "kuaishou,,,"+ refundLimit + ",");
        }
        // the scenario tables describe the old rules; a backtest does not run them
        try (Stream<Path> files = Files.walk(target)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".scenarios.csv")).toList()) {
                Files.delete(f);
            }
        }
        return target;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no " + from);
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** Writes {@code count} decisions of {@code rules} and their outcomes (gzip when a name ends in .gz). */
    public static void write(Path rules, Path decisions, Path outcomes, long count, long seed) throws IOException {
        try (PayAfterEngine engine = Differ.engine(rules, List.of());
                Writer d = writer(decisions);
                Writer o = writer(outcomes)) {
            write(engine, d, o, count, seed);
        }
    }

    private static Writer writer(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    static void write(PayAfterEngine engine, Writer decisions, Writer outcomes, long count, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        outcomes.write("orderId,consumerId,result,overdueAmount\n");
        long step = MONTH.toMillis() / Math.max(1, count);
        PayAfterEngine kuaishou = engine.withProfile("kuaishou");
        PayAfterEngine tmall = engine.withProfile("tmall");
        PayAfterEngine jd = engine.withProfile("jd");
        for (long i = 0; i < count; i++) {
            Instant at = START.plusMillis(i * step + random.nextLong(Math.max(1, step)));
            Clock clock = Clock.fixed(at, ZoneOffset.UTC);
            String orderId = "o" + i;
            String consumerId = "c" + random.nextInt(1_000_000);
            int pick = random.nextInt(100);
            DecisionRecord record;
            if (pick < 80) {
                String profile = pick < 60 ? "kuaishou" : pick < 75 ? "tmall" : "jd";
                PayAfterEngine e = (pick < 60 ? kuaishou : pick < 75 ? tmall : jd).withClock(clock);
                CreditScore score = "jd".equals(profile) ? CreditScore.jdXiaobai(clamp(gaussian(random, 500, 150), 0, 1000))
                        : CreditScore.zhima(clamp(gaussian(random, 640, 80), 350, 950));
                BigDecimal amount = PRICES[random.nextInt(PRICES.length)];
                Consumer consumer = new Consumer(consumerId, List.of(score),
                        random.nextInt(100) < 95 ? RiskAssessment.PASSED : RiskAssessment.NOT_ASSESSED,
                        random.nextInt(1000) < 5, random.nextInt(100) < 3 ? 1 : 0,
                        random.nextInt(100) < 4 ? new BigDecimal("50.00") : new BigDecimal("3000.00"));
                Merchant merchant = new Merchant("m" + random.nextInt(500), random.nextInt(100) < 98, null);
                EligibilityRequest request = new EligibilityRequest(orderId, Scenario.ECOMMERCE_GOODS, amount,
                        random.nextInt(100) < 97, consumer, merchant);
                EligibilityDecision decision = e.decide(request);
                record = new DecisionRecord(DecisionKind.ELIGIBILITY, at, profile, request, decision,
                        1_000L * (20 + random.nextInt(200)), false);
                if (decision.eligible() && random.nextInt(100) != 0) {
                    outcomes.write(payAfterUseOutcome(random, orderId, consumerId, score.value(), amount,
                            "jd".equals(profile)));
                }
            } else {
                int disputes = random.nextInt(100) < 85 ? 0 : 1 + random.nextInt(2);
                BigDecimal rate = BigDecimal.valueOf(random.nextInt(400), 1); // 0.0 .. 39.9 %
                TradingHistory history = new TradingHistory(random.nextInt(60), rate, disputes);
                BigDecimal paid = BigDecimal.valueOf(500 + random.nextInt(59_500), 2); // 5.00 .. 599.99
                int ship = random.nextInt(100);
                RefundRequest request = new RefundRequest(orderId,
                        new Buyer(consumerId, null, history, random.nextInt(1000) < 5), paid,
                        ship < 80 ? ShippingStatus.UNSHIPPED : ship < 90 ? ShippingStatus.SHIPPED
                                : ShippingStatus.DELIVERED,
                        random.nextInt(100) < 90 ? CategoryType.PHYSICAL : CategoryType.VIRTUAL,
                        random.nextInt(100) < 2);
                RefundDecision decision = kuaishou.withClock(clock).decide(request);
                record = new DecisionRecord(DecisionKind.REFUND, at, "kuaishou", request, decision,
                        1_000L * (20 + random.nextInt(200)), false);
                if (random.nextInt(100) != 0) {
                    int p = random.nextInt(10_000);
                    int disputed = 300 + 600 * disputes + rate.multiply(BigDecimal.valueOf(25)).intValue();
                    String result = p < disputed ? "DISPUTED" : p < disputed + 200 ? "MERCHANT_SHIPPED" : "UNDISPUTED";
                    outcomes.write(orderId + "," + consumerId + "," + result + ",\n");
                }
            }
            decisions.write(JsonLinesAuditSink.line(record));
            decisions.write('\n');
        }
    }

    private static String payAfterUseOutcome(SplittableRandom random, String orderId, String consumerId, int score,
            BigDecimal amount, boolean jd) {
        double zhimaLike = jd ? 550 + (score - 500) * 0.5 : score; // JD's Xiaobai scale, mapped roughly
        double bad = 0.4 / (1 + Math.exp((zhimaLike - 580) / 35));
        if (random.nextDouble() >= bad) {
            return orderId + "," + consumerId + ",ON_TIME,\n";
        }
        if (random.nextInt(100) < 60) {
            BigDecimal unpaid = random.nextBoolean() ? amount
                    : amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
            return orderId + "," + consumerId + ",OVERDUE," + unpaid.toPlainString() + "\n";
        }
        return orderId + "," + consumerId + ",LATE,\n";
    }

    private static int gaussian(SplittableRandom random, int mean, int sd) {
        // Box-Muller from the seeded generator (no shared java.util.Random state)
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return (int) Math.round(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
