package dev.payafter.tools.backtest.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payafter.PayAfterEngine;
import dev.payafter.RuleCompilationException;
import dev.payafter.tools.Differ;
import dev.payafter.tools.backtest.Backtest;
import dev.payafter.tools.backtest.BacktestData;
import dev.payafter.tools.backtest.BacktestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on local[2] against the single-machine command, on the same generated input. */
class SparkBacktestTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path decisions;
    static Path outcomes;
    static Path changed;
    static Backtest.Result single;
    static final AtomicInteger JOBS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        decisions = dir.resolve("decisions.jsonl.gz");
        outcomes = dir.resolve("outcomes.csv");
        BacktestData.write(Path.of("rules"), decisions, outcomes, 3_000, 7);
        changed = BacktestData.rulesWith(Path.of("rules"), dir.resolve("rules-600"), 600, "200.00");
        try (PayAfterEngine old = Differ.engine(Path.of("rules"), List.of());
                PayAfterEngine now = Differ.engine(changed, List.of())) {
            single = Backtest.backtest(old, now, decisions, outcomes, ZoneOffset.UTC, 2, false);
        }
        spark = SparkSession.builder().master("local[2]").appName("payafter-backtest-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static List<String> sortedLines(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.sort(null);
        return lines;
    }

    @Test
    void theSparkSummaryIsTheSingleMachineSummaryByteForByte() throws IOException {
        Path out = dir.resolve("spark-json-lines");
        BacktestSummary summary = SparkBacktest.run(spark, Path.of("rules"), changed, decisions.toString(),
                outcomes.toString(), out.toString(), ZoneOffset.UTC, false, List.of());
        assertThat(single.summary().count("kuaishou", "ELIGIBILITY", "swapOut")).isPositive();
        assertThat(single.summary().count("kuaishou", "REFUND", "swapOut")).isPositive();
        String json = Files.readString(out.resolve("summary.json"));
        assertThat(json).isEqualTo(single.summary().json());
        assertThat(sortedLines(json)).isEqualTo(sortedLines(single.summary().json()));
        assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(single.summary().text());
        assertThat(summary.text()).isEqualTo(single.summary().text());
        long changes = spark.read().parquet(out.resolve("changes.parquet").toString()).count();
        assertThat(changes).isEqualTo(single.changes().size());
        // each executor JVM (here: this one) built one engine per rule-set version, not one per partition
        assertThat(RuleBundle.enginesBuilt()).isEqualTo(2);
    }

    @Test
    void parquetDecisionsAndJsonLinesOrParquetOutcomesGiveTheSameSummary() throws IOException {
        String parquet = dir.resolve("decisions.parquet").toString();
        spark.read().json(decisions.toString()).write().parquet(parquet);
        Path jsonOutcomes = dir.resolve("outcomes.jsonl");
        List<String> rows = Files.readAllLines(outcomes);
        List<String> json = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            json.add("{\"orderId\":\"" + c[0] + "\",\"consumerId\":\"" + c[1] + "\",\"result\":\"" + c[2] + "\""
                    + (c[3].isEmpty() ? "" : ",\"overdueAmount\":\"" + c[3] + "\"") + "}");
        }
        Files.write(jsonOutcomes, json);
        String parquetOutcomes = dir.resolve("outcomes.parquet").toString();
        spark.read().json(jsonOutcomes.toString()).write().parquet(parquetOutcomes);
        for (String books : List.of(jsonOutcomes.toString(), parquetOutcomes)) {
            Path out = dir.resolve("spark-" + Math.abs(books.hashCode()));
            SparkBacktest.run(spark, Path.of("rules"), changed, parquet, books, out.toString(), ZoneOffset.UTC,
                    false, List.of());
            assertThat(Files.readString(out.resolve("summary.json"))).as(books).isEqualTo(single.summary().json());
        }
    }

    @Test
    void aBrokenRuleSetFailsTheJobWithFileAndLineBeforeAnyPartitionRuns() throws IOException {
        Path broken = BacktestData.rulesWith(Path.of("rules"), dir.resolve("broken"), null, null);
        Path drl = broken.resolve("eligibility/credit-score.drl");
        String text = Files.readString(drl);
        String comparison = "consumer.score(policy.scoreProvider) < policy.minimumScore";
        assertThat(text).contains(comparison);
        Files.writeString(drl, text.replace(comparison, "consumer.score(policy.scoreProvider) <<< policy.minimumScore"));
        int jobsBefore = JOBS.get();
        assertThatThrownBy(() -> SparkBacktest.run(spark, Path.of("rules"), broken, decisions.toString(),
                outcomes.toString(), dir.resolve("never").toString(), ZoneOffset.UTC, false, List.of()))
                .isInstanceOf(RuleCompilationException.class).hasMessageContaining("credit-score.drl:25");
        assertThat(JOBS.get()).isEqualTo(jobsBefore);
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void oldRulesThatDoNotReproduceTheRecordingStopTheJob() {
        assertThatThrownBy(() -> SparkBacktest.run(spark, changed, Path.of("rules"), decisions.toString(),
                outcomes.toString(), dir.resolve("stopped").toString(), ZoneOffset.UTC, false, List.of()))
                .hasMessageContaining("recorded ELIGIBLE [ELIGIBLE] {creditToFreeze=")
                .hasMessageContaining("OLD_RULES decide INELIGIBLE [SCORE_BELOW_MINIMUM]")
                .hasMessageContaining("--go-on");
        assertThat(dir.resolve("stopped").resolve("summary.json")).doesNotExist();
    }
}
