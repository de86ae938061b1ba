package dev.payafter.tools.backtest.spark;

import static org.apache.spark.sql.functions.col;

import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.internal.Checks;
import dev.payafter.tools.Differ;
import dev.payafter.tools.backtest.AuditLines;
import dev.payafter.tools.backtest.Backtest;
import dev.payafter.tools.backtest.BacktestSummary;
import dev.payafter.tools.backtest.InputFiles;
import dev.payafter.tools.backtest.Outcome;
import dev.payafter.tools.backtest.RecordedDecision;
import dev.payafter.tools.backtest.Replay;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * The backtest as a Spark job: the same replay and the same summary as {@link Backtest}, partition by partition.
 *
 * <p>Both rule sets are compiled on the driver first: a broken one fails the job, with {@code file:line}, before
 * any partition runs. Their files are then broadcast as bytes ({@link RuleBundle}); each executor JVM builds one
 * engine per rule-set version on first use and its task threads share it (engines are thread-safe). Decisions are
 * read from JSON Lines (any text path Spark reads, gzip included) or Parquet (a path ending in {@code .parquet},
 * each row as the audit line's JSON); outcomes from CSV ({@code .csv}, header row), Parquet or JSON Lines, columns as
 * {@link Outcome}. Writes {@code OUT/changes.parquet} (one row per changed decision, with its outcome) and
 * {@code OUT/summary.json} and {@code OUT/summary.txt}, byte for byte what the single-machine command writes for the
 * same input ({@link #main} logs where, through slf4j). A bad decision line is reported as {@code DECISIONS#partitionP:N} (the N-th record of partition P).
 */
public final class SparkBacktest {
    private static final int MAX_LISTED = 20;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkBacktest.class);

    private SparkBacktest() {
    }

    /** {@code spark-submit ... OLD_RULES NEW_RULES DECISIONS OUTCOMES OUT [--go-on] [--zone ZONE] [--allow T]}. */
    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        boolean goOn = false;
        ZoneId zone = ZoneOffset.UTC;
        List<String> allow = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--go-on" -> goOn = true;
                case "--zone" -> zone = ZoneId.of(args[++i]);
                case "--allow" -> allow.add(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 5) {
            throw new IllegalArgumentException("usage: spark-submit --class " + SparkBacktest.class.getName()
                    + " payafter-analyst.jar OLD_RULES NEW_RULES DECISIONS OUTCOMES OUT [--go-on] [--zone ZONE]");
        }
        SparkSession spark = SparkSession.builder().appName("payafter-backtest").getOrCreate();
        try {
            BacktestSummary summary = run(spark, Path.of(positional.get(0)), Path.of(positional.get(1)),
                    positional.get(2), positional.get(3), positional.get(4), zone, goOn, allow);
            LOG.info("backtest of {} decisions written to {}/summary.txt, summary.json and changes.parquet",
                    summary.decisions(), positional.get(4));
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the job.
     *
     * @param oldRules the rule directory that made the recorded decisions (on the driver's disk)
     * @param newRules the changed rule directory
     * @throws dev.payafter.RuleCompilationException if either rule set does not compile (before any partition runs)
     * @throws PayAfterException if OLD does not reproduce the recording and {@code goOn} is false
     */
    public static BacktestSummary run(SparkSession spark, Path oldRules, Path newRules, String decisions,
            String outcomes, String out, ZoneId zone, boolean goOn, List<String> allow) throws IOException {
        // compile both on the driver first: a broken rule set stops here, with file:line
        try (PayAfterEngine o = Differ.engine(oldRules, allow); PayAfterEngine n = Differ.engine(newRules, allow)) {
            o.ruleSet();
            n.ruleSet();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<RuleBundle> oldBundle = jsc.broadcast(RuleBundle.of(oldRules, allow));
        Broadcast<RuleBundle> newBundle = jsc.broadcast(RuleBundle.of(newRules, allow));
        String zoneId = zone.getId();

        Dataset<String> lines = decisions.toLowerCase(Locale.ROOT).endsWith(".parquet")
                ? spark.read().parquet(decisions).toJSON() : spark.read().textFile(decisions);
        Dataset<ReplayRow> replay = lines.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<String, ReplayRow>) it -> replayPartition(it,
                        oldBundle.value(), newBundle.value(), ZoneId.of(zoneId), decisions),
                Encoders.bean(ReplayRow.class)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<ReplayRow> kept = replay.filter(col("orderId").isNotNull());
            Dataset<ReplayRow> notReproduced = kept.filter(col("reproduced").equalTo(false));
            long mismatches = notReproduced.count();
            if (mismatches > 0 && !goOn) {
                StringBuilder message = new StringBuilder();
                for (ReplayRow r : notReproduced.limit(MAX_LISTED).collectAsList()) {
                    message.append(r.getMismatch()).append('\n');
                }
                throw new PayAfterException(message + Long.toString(mismatches)
                        + " recorded decisions are not what OLD_RULES decides at their time: the recording is not of"
                        + " OLD_RULES, or the replay is not faithful. Nothing was backtested; --go-on backtests"
                        + " anyway.");
            }
            Dataset<OutcomeRow> books = readOutcomes(spark, outcomes);
            Dataset<Row> keys = kept.select(col("joinKey")).distinct();
            List<Row> twice = books.groupBy(col("outcomeKey")).count().filter(col("count").gt(1))
                    .join(keys, col("outcomeKey").equalTo(keys.col("joinKey"))).limit(1).collectAsList();
            if (!twice.isEmpty()) {
                String key = twice.get(0).getAs("outcomeKey");
                String[] kindOrder = key.split("\t", 2);
                throw new dev.payafter.tools.backtest.BacktestInputException(Checks.escaped(outcomes)
                        + ": orderId: " + Checks.shown(kindOrder[1]) + ": a second "
                        + kindOrder[0].toLowerCase(Locale.ROOT) + " outcome for this order");
            }
            Dataset<Row> joined = kept.join(books, kept.col("joinKey").equalTo(books.col("outcomeKey")), "left");
            joined.filter(col("move").notEqual("UNCHANGED"))
                    .select("profile", "kind", "move", "orderId", "consumerId", "amount", "decidedAt",
                            "oldDecision", "newDecision", "result", "overdueAmount")
                    .write().mode("errorifexists").parquet(out + "/changes.parquet");
            BacktestSummary summary = joined.toJavaRDD().mapPartitions(SparkBacktest::summarize)
                    .fold(new BacktestSummary(), BacktestSummary::merge);
            for (ReplayRow tally : replay.filter(col("orderId").isNull()).collectAsList()) {
                if ("NOT_REPLAYED".equals(tally.getMove())) {
                    summary.addNotReplayed(tally.getProfile(), tally.getKind(), tally.getCount());
                } else {
                    summary.addUnchanged(tally.getProfile(), tally.getKind(), tally.getCount());
                }
            }
            write(spark, out + "/summary.json", summary.json());
            write(spark, out + "/summary.txt", summary.text());
            return summary;
        } finally {
            replay.unpersist();
        }
    }

    static Iterator<ReplayRow> replayPartition(Iterator<String> lines, RuleBundle oldBundle, RuleBundle newBundle,
            ZoneId zone, String decisions) {
        PayAfterEngine oldRules = oldBundle.engine();
        PayAfterEngine newRules = newBundle.engine();
        TaskContext task = TaskContext.get();
        String source = decisions + "#partition" + (task == null ? 0 : task.partitionId());
        List<ReplayRow> rows = new ArrayList<>();
        Map<String, long[]> unchanged = new TreeMap<>();
        Map<String, long[]> notReplayed = new TreeMap<>();
        long number = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > InputFiles.MAX_LINE_CHARS) {
                throw new dev.payafter.tools.backtest.BacktestInputException(source + ":" + number
                        + ": the line has " + line.length() + " characters; at most " + InputFiles.MAX_LINE_CHARS);
            }
            RecordedDecision r = AuditLines.parse(source, number, line);
            String cell = r.profile() + "\t" + r.kind();
            if (r.request() == null) {
                notReplayed.computeIfAbsent(cell, k -> new long[1])[0]++;
                continue;
            }
            Replay.Compared c = Replay.compare(oldRules, newRules, r, zone);
            if (c.move() == Replay.Move.UNCHANGED && c.reproduced()) {
                unchanged.computeIfAbsent(cell, k -> new long[1])[0]++;
                continue;
            }
            ReplayRow row = new ReplayRow();
            row.setJoinKey(Backtest.key(r.orderId(), r.kind()));
            row.setProfile(r.profile());
            row.setKind(r.kind());
            row.setMove(c.move().name());
            row.setReproduced(c.reproduced());
            row.setOrderId(r.orderId());
            row.setConsumerId(r.consumerId());
            row.setAmount(r.amount().toPlainString());
            row.setDecidedAt(r.decidedAt().toString());
            row.setOldDecision(c.old().shown());
            row.setNewDecision(c.now().shown());
            row.setCount(1);
            if (!c.reproduced()) {
                row.setMismatch(source + ":" + number + ": " + r.kind() + " " + Checks.shown(r.orderId()) + " at "
                        + r.decidedAt() + ": recorded " + r.recorded().shown() + ", OLD_RULES decide "
                        + c.old().shown());
            }
            rows.add(row);
        }
        tallies(rows, unchanged, "UNCHANGED");
        tallies(rows, notReplayed, "NOT_REPLAYED");
        return rows.iterator();
    }

    private static void tallies(List<ReplayRow> rows, Map<String, long[]> counts, String move) {
        counts.forEach((cell, n) -> {
            String[] pk = cell.split("\t", 2);
            ReplayRow row = new ReplayRow();
            row.setProfile(pk[0]);
            row.setKind(pk[1]);
            row.setMove(move);
            row.setReproduced(true);
            row.setCount(n[0]);
            rows.add(row);
        });
    }

    private static Iterator<BacktestSummary> summarize(Iterator<Row> rows) {
        BacktestSummary part = new BacktestSummary();
        while (rows.hasNext()) {
            Row row = rows.next();
            String orderId = row.getAs("orderId");
            String result = row.getAs("result");
            Outcome outcome = null;
            if (result != null) {
                String overdue = row.getAs("overdueAmount");
                outcome = new Outcome(0, orderId, row.getAs("outcomeConsumerId"), Outcome.Result.valueOf(result),
                        overdue == null ? null : new BigDecimal(overdue));
            }
            part.add(row.getAs("profile"), row.getAs("kind"), Replay.Move.valueOf(row.getAs("move")),
                    row.<Boolean>getAs("reproduced"), orderId, row.getAs("consumerId"),
                    new BigDecimal(row.<String>getAs("amount")), outcome);
        }
        return List.of(part).iterator();
    }

    static Dataset<OutcomeRow> readOutcomes(SparkSession spark, String outcomes) {
        String name = outcomes.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            Dataset<Row> csv = spark.read().option("header", "true").option("inferSchema", "false")
                    .option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true")
                    .option("mode", "FAILFAST").csv(outcomes);
            return rows(csv, outcomes);
        }
        if (name.endsWith(".parquet")) {
            return rows(spark.read().parquet(outcomes), outcomes);
        }
        return spark.read().textFile(outcomes).filter(
                        (org.apache.spark.api.java.function.FilterFunction<String>) line -> !line.isBlank())
                .map((org.apache.spark.api.java.function.MapFunction<String, OutcomeRow>) line ->
                        row(Outcome.of(outcomes, 0, InputFiles.jsonColumns(outcomes, 0, line))),
                        Encoders.bean(OutcomeRow.class));
    }

    private static Dataset<OutcomeRow> rows(Dataset<Row> table, String outcomes) {
        return table.map((org.apache.spark.api.java.function.MapFunction<Row, OutcomeRow>) r -> {
            Map<String, String> columns = new HashMap<>();
            for (StructField field : r.schema().fields()) {
                Object v = r.getAs(field.name());
                if (v != null) {
                    columns.put(field.name(), v instanceof BigDecimal d ? d.toPlainString() : v.toString());
                }
            }
            return row(Outcome.of(outcomes, 0, columns));
        }, Encoders.bean(OutcomeRow.class));
    }

    private static OutcomeRow row(Outcome o) {
        OutcomeRow row = new OutcomeRow();
        row.setOutcomeKey(Backtest.key(o.orderId(), Backtest.kindOf(o)));
        row.setOutcomeConsumerId(o.consumerId());
        row.setResult(o.result().name());
        row.setOverdueAmount(o.overdueAmount() == null ? null : o.overdueAmount().toPlainString());
        return row;
    }

    private static void write(SparkSession spark, String file, String text) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
