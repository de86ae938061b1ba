package dev.payafter.tools.backtest.spark;

import dev.payafter.tools.backtest.BacktestSummary;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the Spark backtest on {@code local[N]} and prints the summary and the wall time, for BENCHMARKS.md:
 * {@code java <Spark's --add-opens options> -cp ... SparkLocalRun N OLD NEW DECISIONS OUTCOMES OUT}.
 */
public final class SparkLocalRun {
    private SparkLocalRun() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + args[0] + "]").appName("payafter-backtest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        long session = System.nanoTime();
        try {
            BacktestSummary summary = SparkBacktest.run(spark, Path.of(args[1]), Path.of(args[2]), args[3], args[4],
                    args[5], ZoneOffset.UTC, false, List.of());
            long done = System.nanoTime();
            System.out.print(summary.text());
            System.err.printf("spark local[%s]: session %d ms, job %d ms, %d decisions%n", args[0],
                    (session - started) / 1_000_000, (done - session) / 1_000_000, summary.decisions());
        } finally {
            spark.stop();
        }
    }
}
