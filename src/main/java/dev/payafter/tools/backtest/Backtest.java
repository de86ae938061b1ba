package dev.payafter.tools.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.internal.Checks;
import dev.payafter.tools.Differ;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code backtest OLD_RULES NEW_RULES DECISIONS --outcomes OUTCOMES}: replays a month (or a year) of recorded
 * decisions through the rules that made them and through a change, each at its recorded time, and says what the
 * change would have cost: of the approvals the new rules take back, how many went overdue (debt avoided) and how
 * many paid on time (good business lost); of the refusals they turn into approvals, how much new, unobserved
 * exposure; for fast refunds, the auto-approvals gained and lost and how many of them were disputed.
 *
 * <p>First OLD_RULES must reproduce the recorded decisions (outcome, reason codes, credit to freeze, trial days,
 * notice): a mismatch means the recording is not of OLD_RULES or the replay is not faithful, and the backtest stops
 * unless {@code --go-on}. Decisions are read and decided in batches on {@code --threads} threads; only the changed
 * ones are kept, then the outcomes file is read once and joined to them by order id and kind.
 */
public final class Backtest {
    /** Exit codes, as the analyst command line's. */
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: payafter-analyst backtest OLD_RULES NEW_RULES DECISIONS --outcomes OUTCOMES [--out DIR] [--json]
                                             [--html] [--go-on] [--zone ZONE] [--threads N] [--allow TYPE]...
              DECISIONS  the audit trail (JSON Lines, one recorded decision a line; .gz allowed)
              OUTCOMES   what happened per order: CSV with a header or JSON Lines (.gz allowed); columns orderId,
                         consumerId, result (ON_TIME|LATE|OVERDUE|UNDISPUTED|DISPUTED|MERCHANT_SHIPPED),
                         overdueAmount (yuan, with OVERDUE only)
              --out DIR  also write summary.txt, summary.json, changes.jsonl (and summary.html with --html)
              --go-on    backtest even when OLD_RULES does not reproduce every recorded decision
              --zone     the zone of the replay clock, for effective dates (default UTC)""";

    private static final int BATCH = 2_000;
    private static final int MAX_LISTED = 20;

    private Backtest() {
    }

    /** The parsed command line. */
    record Options(Path oldRules, Path newRules, Path decisions, Path outcomes, Path out, boolean json,
            boolean html, boolean goOn, ZoneId zone, int threads, List<String> allow) {
    }

    /** What the backtest found, for callers and tests. */
    public record Result(BacktestSummary summary, List<Replay.Compared> changes, List<String> mismatches,
            long otherVersions) {
    }

    /**
     * Runs {@code backtest} with the arguments after the command name.
     *
     * @return {@link #OK}, {@link #PROBLEMS} (rules that do not compile, or OLD not reproducing the recording) or
     *     {@link #USAGE} (bad arguments or bad input files)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("payafter-analyst backtest: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            PayAfterEngine oldRules = Differ.engine(options.oldRules(), options.allow());
            PayAfterEngine newRules = Differ.engine(options.newRules(), options.allow());
            long started = System.nanoTime();
            Result result = backtest(oldRules, newRules, options.decisions(), options.outcomes(), options.zone(),
                    options.threads(), options.goOn());
            err.println("payafter-analyst backtest: replayed " + result.summary().decisions() + " decisions in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            if (result.otherVersions() > 0) {
                err.println("payafter-analyst backtest: note: " + result.otherVersions()
                        + " decisions were recorded under another rule-set version than OLD_RULES ("
                        + oldRules.ruleSet().version() + ")");
            }
            if (!result.mismatches().isEmpty() && !options.goOn()) {
                result.mismatches().forEach(err::println);
                err.println("payafter-analyst backtest: " + result.summary().mismatches() + " of "
                        + result.summary().decisions() + " recorded decisions are not what OLD_RULES decides at"
                        + " their time: the recording is not of OLD_RULES, or the replay is not faithful."
                        + " Nothing was backtested; --go-on backtests anyway.");
                return PROBLEMS;
            }
            String text = options.json() ? result.summary().json() : result.summary().text();
            out.print(text);
            if (options.out() != null) {
                write(options, result);
            }
            return OK;
        } catch (RuleCompilationException e) {
            for (RuleProblem problem : e.problems()) {
                err.println(problem);
            }
            err.println("payafter-analyst backtest: rule set " + Checks.escaped(String.valueOf(e.root()))
                    + " does not compile; nothing was backtested");
            return PROBLEMS;
        } catch (BacktestInputException e) {
            err.println(e.getMessage());
            err.println("payafter-analyst backtest: the input is refused; nothing was written");
            return USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("payafter-analyst backtest: " + Checks.shown(e.getMessage()));
            return USAGE;
        } catch (PayAfterException e) {
            err.println("payafter-analyst backtest: " + e.getMessage());
            return PROBLEMS;
        }
    }

    static Options parse(String[] args) {
        List<String> positional = new ArrayList<>();
        Path outcomes = null;
        Path out = null;
        boolean json = false;
        boolean html = false;
        boolean goOn = false;
        ZoneId zone = ZoneOffset.UTC;
        int threads = 2;
        List<String> allow = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = true;
                case "--html" -> html = true;
                case "--go-on" -> goOn = true;
                case "--outcomes", "--out", "--zone", "--threads", "--allow" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--outcomes" -> outcomes = Path.of(v);
                        case "--out" -> out = Path.of(v);
                        case "--allow" -> allow.add(v);
                        case "--zone" -> {
                            try {
                                zone = ZoneId.of(v);
                            } catch (DateTimeException e) {
                                throw new IllegalArgumentException("--zone: " + Checks.shown(v) + ": not a zone");
                            }
                        }
                        default -> {
                            try {
                                threads = Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                threads = 0;
                            }
                            if (threads < 1 || threads > 256) {
                                throw new IllegalArgumentException("--threads: " + Checks.shown(v)
                                        + ": must be 1 to 256");
                            }
                        }
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + Checks.shown(a));
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 3) {
            throw new IllegalArgumentException("needs OLD_RULES NEW_RULES DECISIONS, got " + positional.size()
                    + " arguments");
        }
        if (outcomes == null) {
            throw new IllegalArgumentException("--outcomes OUTCOMES is required");
        }
        return new Options(Path.of(positional.get(0)), Path.of(positional.get(1)), Path.of(positional.get(2)),
                outcomes, out, json, html, goOn, zone, threads, List.copyOf(allow));
    }

    /** A batch's part of the replay. */
    private static final class Part {
        final BacktestSummary unchanged = new BacktestSummary();
        final List<Replay.Compared> kept = new ArrayList<>();
        final List<String> mismatches = new ArrayList<>();
        long otherVersions;
    }

    private record Line(long number, String text) {
    }

    /**
     * Backtests {@code decisions} with engines already built.
     *
     * @param goOn whether to read outcomes and summarize even when OLD does not reproduce the recording
     * @throws BacktestInputException at the first bad decision or outcome line
     */
    public static Result backtest(PayAfterEngine oldRules, PayAfterEngine newRules, Path decisions, Path outcomes,
            ZoneId zone, int threads, boolean goOn) throws IOException {
        String oldVersion = oldRules.ruleSet().version();
        String source = decisions.toString();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "payafter-backtest");
            t.setDaemon(true);
            return t;
        });
        BacktestSummary summary = new BacktestSummary();
        List<Replay.Compared> kept = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        long[] otherVersions = {0};
        try {
            Deque<Future<Part>> inFlight = new ArrayDeque<>();
            List<Line> batch = new ArrayList<>(BATCH);
            Runnable flush = () -> {
                List<Line> lines = List.copyOf(batch);
                batch.clear();
                inFlight.add(pool.submit(() -> replay(oldRules, newRules, oldVersion, source, lines, zone)));
            };
            InputFiles.eachLine(decisions, (number, text) -> {
                batch.add(new Line(number, text));
                if (batch.size() == BATCH) {
                    flush.run();
                    while (inFlight.size() > threads * 2) {
                        merge(inFlight.removeFirst(), summary, kept, mismatches, otherVersions);
                    }
                }
            });
            if (!batch.isEmpty()) {
                flush.run();
            }
            while (!inFlight.isEmpty()) {
                merge(inFlight.removeFirst(), summary, kept, mismatches, otherVersions);
            }
        } finally {
            pool.shutdownNow();
        }
        boolean stop = !goOn && kept.stream().anyMatch(c -> !c.reproduced());
        // when OLD does not reproduce the recording, the outcomes are not read: the counts are all the caller gets
        Map<String, Outcome> outcomesByKey = stop ? Map.of() : outcomes(outcomes, kept);
        for (Replay.Compared c : kept) {
            RecordedDecision r = c.recorded();
            summary.add(r.profile(), r.kind(), c.move(), c.reproduced(), r.orderId(), r.consumerId(), r.amount(),
                    outcomesByKey.get(key(r.orderId(), r.kind())));
        }
        if (stop) {
            return new Result(summary, List.of(), mismatches, otherVersions[0]);
        }
        List<Replay.Compared> changes = kept.stream().filter(c -> c.move() != Replay.Move.UNCHANGED).toList();
        return new Result(summary, changes, mismatches, otherVersions[0]);
    }

    private static Part replay(PayAfterEngine oldRules, PayAfterEngine newRules, String oldVersion, String source,
            List<Line> lines, ZoneId zone) {
        Part part = new Part();
        for (Line line : lines) {
            RecordedDecision r = AuditLines.parse(source, line.number(), line.text());
            if (!oldVersion.equals(r.ruleSetVersion())) {
                part.otherVersions++;
            }
            if (r.request() == null) {
                part.unchanged.addNotReplayed(r.profile(), r.kind(), 1);
                continue;
            }
            Replay.Compared c = Replay.compare(oldRules, newRules, r, zone);
            if (!c.reproduced() && part.mismatches.size() < MAX_LISTED) {
                part.mismatches.add(AuditLines.where(source, line.number()) + ": " + r.kind() + " "
                        + Checks.shown(r.orderId()) + " at " + r.decidedAt() + ": recorded " + r.recorded().shown()
                        + ", OLD_RULES decide " + c.old().shown());
            }
            if (c.move() == Replay.Move.UNCHANGED && c.reproduced()) {
                part.unchanged.addUnchanged(r.profile(), r.kind(), 1);
            } else {
                part.kept.add(c);
            }
        }
        return part;
    }

    private static void merge(Future<Part> future, BacktestSummary summary, List<Replay.Compared> kept,
            List<String> mismatches, long[] otherVersions) throws IOException {
        Part part;
        try {
            part = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a batch failed", e.getCause());
        }
        summary.merge(part.unchanged);
        kept.addAll(part.kept);
        otherVersions[0] += part.otherVersions;
        for (String m : part.mismatches) {
            if (mismatches.size() < MAX_LISTED) {
                mismatches.add(m);
            }
        }
    }

    /** The key that joins an outcome to a decision: the order and the kind its result belongs to. */
    public static String key(String orderId, String kind) {
        return kind + "\t" + orderId;
    }

    /** The kind of decision an outcome's result belongs to. */
    public static String kindOf(Outcome outcome) {
        return outcome.result().payAfterUse() ? "ELIGIBILITY" : "REFUND";
    }

    /** Reads every outcome (each checked) and keeps those of the kept decisions; two for one order is an error. */
    private static Map<String, Outcome> outcomes(Path file, List<Replay.Compared> kept) throws IOException {
        Map<String, Outcome> wanted = new HashMap<>();
        for (Replay.Compared c : kept) {
            wanted.put(key(c.recorded().orderId(), c.recorded().kind()), null);
        }
        Map<String, Outcome> found = new HashMap<>();
        InputFiles.eachOutcome(file, o -> {
            String key = key(o.orderId(), kindOf(o));
            if (wanted.containsKey(key)) {
                Outcome first = found.putIfAbsent(key, o);
                if (first != null) {
                    throw new BacktestInputException(AuditLines.where(file.toString(), o.line()) + ": orderId: "
                            + Checks.shown(o.orderId()) + ": a second " + kindOf(o).toLowerCase(java.util.Locale.ROOT)
                            + " outcome for this order (the first is on line " + first.line() + ")");
                }
            }
        });
        return found;
    }

    private static void write(Options options, Result result) throws IOException {
        Path dir = options.out();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), result.summary().text(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.json"), result.summary().json(), StandardCharsets.UTF_8);
        if (options.html()) {
            Files.writeString(dir.resolve("summary.html"), result.summary().html(), StandardCharsets.UTF_8);
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("changes.jsonl"), StandardCharsets.UTF_8)) {
            for (Replay.Compared c : result.changes()) {
                w.write(changeLine(c));
                w.write('\n');
            }
        }
    }

    /** One changed decision as a JSON line. */
    static String changeLine(Replay.Compared c) throws JsonProcessingException {
        RecordedDecision r = c.recorded();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", r.line());
        m.put("decidedAt", r.decidedAt().toString());
        m.put("profile", r.profile());
        m.put("kind", r.kind());
        m.put("move", c.move().name());
        m.put("orderId", r.orderId());
        m.put("consumerId", r.consumerId());
        m.put("amount", r.amount().toPlainString());
        m.put("old", replayed(c.old()));
        m.put("new", replayed(c.now()));
        return AuditLines.MAPPER.writeValueAsString(m);
    }

    private static Map<String, Object> replayed(RecordedDecision.Replayed d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", d.outcome());
        m.put("reasons", d.reasonCodes());
        m.put("details", new java.util.TreeMap<>(d.details()));
        return m;
    }
}
