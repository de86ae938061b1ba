package dev.payafter.tools;

import dev.payafter.PayAfterException;
import dev.payafter.Reason;
import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.scenarios.RecordedRequests;
import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.scenarios.ScenarioTableException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk analysts' command line: {@code validate}, {@code test}, {@code explain} and {@code diff} a rule set
 * without writing Java. The only class of the library that prints: everything goes to the {@link PrintStream}s
 * handed to {@link #run}, so it is testable; {@link #main} hands it the console.
 *
 * <pre>
 * java -jar payafter-VERSION-analyst.jar validate rules
 * java -jar payafter-VERSION-analyst.jar test rules --min-coverage 90
 * java -jar payafter-VERSION-analyst.jar explain rules request.json
 * java -jar payafter-VERSION-analyst.jar diff rules rules-600 requests.jsonl --out changed.jsonl
 * </pre>
 *
 * Exit codes: 0 all good, 1 problems found (or, for diff, decisions changed), 2 usage or I/O error, and any bad
 * request file ({@link RequestFileException}): every request of {@code explain} and {@code diff} is read and
 * checked before any rule is compiled, and each bad one is printed on stderr as {@code file:line: field: value:
 * why}, bounded and escaped.
 */
public final class AnalystCli {
    /** Everything is as it should be. */
    public static final int OK = 0;
    /** Problems found: rules that do not load, lint findings, failing scenarios, changed decisions. */
    public static final int PROBLEMS = 1;
    /** The command line was wrong, or a file could not be read or written. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "usage: payafter-analyst <command> [options]",
            "  validate RULES_DIR                      compile and lint the rule set",
            "  test RULES_DIR [--min-coverage PCT]     run every scenario table, then rule and row coverage",
            "  explain RULES_DIR REQUEST_FILE          one decision: what fired, and why each table row did not",
            "  diff OLD_RULES NEW_RULES REQUESTS_FILE [--out FILE] [--threads N]",
            "                                          replay recorded requests through both rule sets",
            "  backtest OLD_RULES NEW_RULES DECISIONS --outcomes OUTCOMES [--out DIR] [--html] [--go-on]",
            "                                          what a rule change would have cost (backtest --help)",
            "options for every command:",
            "  --json                                  machine-readable output on stdout",
            "  --allow CLASS_OR_PACKAGE                let rules use more Java, as a host's allowRuleAccessTo does",
            "exit codes: 0 all good, 1 problems found (diff: decisions changed), 2 usage or I/O error",
            "request files: .json (one request), .jsonl (one per line) or .csv; fields as in rules/README.md");

    private final PrintStream out;
    private final PrintStream err;

    private AnalystCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The console entry point: runs {@link #run} with the console and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the analyst jar's own logging
            // Drools logs every build error before returning it; validate reports each one with its file already
            System.setProperty("org.slf4j.simpleLogger.log.org.drools.compiler.kie.builder.impl.KieProject", "off");
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments
     * @param out where results go
     * @param err where usage and I/O errors go
     * @return the exit code: {@link #OK}, {@link #PROBLEMS} or {@link #USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new AnalystCli(out, err).dispatch(args);
    }

    /** A parsed command line. */
    private record Args(String command, List<String> positional, boolean json, List<String> allow,
            Map<String, String> options) {
    }

    private int dispatch(String[] raw) {
        if (raw.length > 0 && raw[0].equals("backtest")) { // issue 14: its own options
            return dev.payafter.tools.backtest.Backtest.run(java.util.Arrays.copyOfRange(raw, 1, raw.length), out, err);
        }
        Args args;
        try {
            args = parse(raw);
        } catch (IllegalArgumentException e) {
            err.println("payafter-analyst: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            return switch (args.command()) {
                case "validate" -> validate(args);
                case "test" -> test(args);
                case "explain" -> explain(args);
                case "diff" -> diff(args);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> {
                    err.println("payafter-analyst: unknown command \"" + args.command() + "\"");
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("payafter-analyst: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (RequestFileException e) {
            e.problems().forEach(err::println);
            err.println("payafter-analyst: the request file is refused; nothing was decided");
            return USAGE;
        } catch (RuleCompilationException e) {
            printCompilationProblems(e, args.json());
            return PROBLEMS;
        } catch (IOException | UncheckedIOException e) {
            err.println("payafter-analyst: " + e.getMessage());
            return USAGE;
        } catch (PayAfterException e) {
            err.println("payafter-analyst: " + e.getMessage());
            return e.getMessage() != null && e.getMessage().contains("does not exist") ? USAGE : PROBLEMS;
        }
    }

    private static Args parse(String[] raw) {
        if (raw.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        List<String> positional = new ArrayList<>();
        List<String> allow = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean json = false;
        for (int i = 1; i < raw.length; i++) {
            String a = raw[i];
            switch (a) {
                case "--json" -> json = true;
                case "--allow", "--min-coverage", "--out", "--threads" -> {
                    if (i + 1 >= raw.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    if (a.equals("--allow")) {
                        allow.add(raw[++i]);
                    } else {
                        options.put(a.substring(2), raw[++i]);
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        return new Args(raw[0], positional, json, allow, options);
    }

    private static void expectArgs(Args args, String... names) {
        if (args.positional().size() != names.length) {
            throw new IllegalArgumentException(args.command() + " takes " + String.join(" ", names) + " ("
                    + args.positional().size() + " given)");
        }
    }

    private static void allowedOnly(Args args, String... names) {
        for (String option : args.options().keySet()) {
            if (!List.of(names).contains(option)) {
                throw new IllegalArgumentException(args.command() + " has no option --" + option);
            }
        }
    }

    // ---- validate -----------------------------------------------------------------------------------------------

    private int validate(Args args) {
        expectArgs(args, "RULES_DIR");
        allowedOnly(args);
        Path rules = Path.of(args.positional().get(0));
        Validator.Report report = Validator.validate(rules, args.allow());
        if (args.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rules", rules.toString());
            json.put("version", report.version());
            json.put("files", report.files());
            json.put("problems", report.problems());
            json.put("findings", report.findings().stream().map(Finding::toJson).toList());
            out.println(Json.write(json));
        } else {
            for (Finding finding : report.findings()) {
                out.println(finding);
            }
            long errors = report.errors();
            long warnings = report.problems() - errors;
            if (report.problems() == 0) {
                out.println(rules + ": OK, " + report.files() + " rule files, profiles " + report.profiles()
                        + ", version " + report.version());
            } else {
                out.println(rules + ": " + plural(errors, "error") + ", " + plural(warnings, "warning")
                        + (report.version() == null ? " (the engine refuses this rule set)"
                        : " (the engine loads it; the warnings are lint)"));
            }
        }
        return report.problems() == 0 ? OK : PROBLEMS;
    }

    private void printCompilationProblems(RuleCompilationException e, boolean json) {
        if (json) {
            List<Map<String, Object>> problems = new ArrayList<>();
            for (RuleProblem p : e.problems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", p.file().toString());
                m.put("line", p.line());
                m.put("column", p.column());
                m.put("message", p.message());
                problems.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compiled", false);
            m.put("problems", problems);
            out.println(Json.write(m));
        } else {
            out.println("the rules do not compile (run validate for the details):");
            e.problems().forEach(p -> out.println("  " + p));
        }
    }

    // ---- test ---------------------------------------------------------------------------------------------------

    private int test(Args args) {
        expectArgs(args, "RULES_DIR");
        allowedOnly(args, "min-coverage");
        BigDecimal minimum = null;
        if (args.options().containsKey("min-coverage")) {
            try {
                minimum = new BigDecimal(args.options().get("min-coverage").replace("%", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--min-coverage takes a percentage like 90 or 92.5, not \""
                        + args.options().get("min-coverage") + "\"");
            }
            if (minimum.signum() < 0 || minimum.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("--min-coverage must be between 0 and 100: " + minimum);
            }
        }
        Path rules = Path.of(args.positional().get(0));
        ScenarioSuite.Report report = ScenarioSuite.run(rules, args.allow());
        boolean belowMinimum = minimum != null && report.coveragePercent().compareTo(minimum) < 0;
        if (args.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenarios", report.results().size());
            json.put("failed", report.failed());
            json.put("tableErrors", report.tableErrors().stream().map(t -> Map.of("table", t.table().toString(),
                    "message", t.message())).toList());
            json.put("failures", report.results().stream().filter(r -> !r.passed()).map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", r.file().toString());
                m.put("line", r.line());
                m.put("name", r.name());
                m.put("profile", r.profile());
                m.put("mismatches", r.mismatches());
                m.put("firedRules", r.firedRules());
                return m;
            }).toList());
            json.put("rules", report.rules());
            json.put("coveragePercent", report.coveragePercent());
            json.put("minimumCoveragePercent", minimum);
            json.put("uncovered", report.uncovered().stream().map(u -> Map.of("rule", u.name(), "where", u.where()))
                    .toList());
            out.println(Json.write(json));
        } else {
            Path last = null;
            for (ScenarioResult result : report.results()) {
                if (!result.file().equals(last)) {
                    last = result.file();
                    long tableFailed = report.results().stream().filter(r -> r.file().equals(result.file())
                            && !r.passed()).count();
                    long tableCount = report.results().stream().filter(r -> r.file().equals(result.file())).count();
                    out.println(result.file() + " (" + result.profile() + "): " + (tableCount - tableFailed) + "/"
                            + tableCount + " passed");
                }
                if (!result.passed()) {
                    out.println("  FAIL line " + result.line() + " \"" + result.name() + "\"");
                    result.mismatches().forEach(m -> out.println("       " + m));
                    out.println("       fired: " + result.firedRules());
                }
            }
            for (ScenarioSuite.TableError error : report.tableErrors()) {
                out.println("  ERROR " + error.message());
            }
            out.println("scenarios: " + (report.results().size() - report.failed()) + " passed, " + report.failed()
                    + " failed" + (report.tableErrors().isEmpty() ? "" : ", " + plural(report.tableErrors().size(),
                    "table") + " not run"));
            out.println("coverage: " + (report.rules() - report.uncovered().size()) + " of " + report.rules()
                    + " rules and table rows fired by some scenario (" + report.coveragePercent() + "%)"
                    + (minimum == null ? "" : belowMinimum ? ", below the minimum " + minimum.toPlainString() + "%"
                    : ", minimum " + minimum.toPlainString() + "% met"));
            if (!report.uncovered().isEmpty()) {
                out.println("never fired:");
                report.uncovered().forEach(u -> out.println("  " + u.where() + "  " + u.name()));
            }
        }
        return report.failed() == 0 && report.tableErrors().isEmpty() && !belowMinimum ? OK : PROBLEMS;
    }

    // ---- explain ------------------------------------------------------------------------------------------------

    private int explain(Args args) throws IOException {
        expectArgs(args, "RULES_DIR", "REQUEST_FILE");
        allowedOnly(args);
        Path rules = Path.of(args.positional().get(0));
        Path requestFile = Path.of(args.positional().get(1));
        if (!Files.isRegularFile(requestFile)) {
            throw new IOException(RequestFiles.name(requestFile) + ": no such file");
        }
        // the request is read and checked first: a bad one is refused before any rule is compiled
        RequestFiles.Record record = RequestFiles.single(requestFile);
        RecordedRequests.Parsed parsed = RequestFiles.parse(requestFile, record);
        Explainer.Explanation explanation;
        try {
            explanation = Explainer.explain(rules, parsed, record.fields(), args.allow());
        } catch (ScenarioTableException e) { // a profile the rule set does not have
            throw new RequestFileException(List.of(e.getMessage()));
        }
        RecordedRequests.Decision d = explanation.decision();
        if (args.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", d.kind());
            json.put("profile", d.profile());
            json.putAll(Differ.json(d));
            json.put("reasonDetails", d.reasons().stream().map(r -> Map.of("code", r.code(), "message",
                    r.message(), "rule", r.rule())).toList());
            json.put("firedRules", d.firedRules());
            json.put("notFiredRules", explanation.notFiredRules());
            json.put("tableRowsNotFired", explanation.rowMisses().stream().map(m -> Map.of("rule", m.rule(),
                    "where", m.where(), "why", m.why())).toList());
            out.println(Json.write(json));
        } else {
            out.println(d.kind() + " under " + d.profile() + ": " + d.outcome());
            for (Reason reason : d.reasons()) {
                out.println("  " + reason.code() + ": " + reason.message() + "  [" + reason.rule() + "]");
            }
            d.details().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
            out.println("fired, in order:");
            d.firedRules().forEach(r -> out.println("  " + r));
            if (d.firedRules().isEmpty()) {
                out.println("  (none)");
            }
            out.println("table rows that did not fire:");
            explanation.rowMisses().forEach(m -> out.println("  " + m.rule() + ": " + m.why()));
            out.println("rules that did not fire:");
            explanation.notFiredRules().forEach(r -> out.println("  " + r));
        }
        return OK;
    }

    // ---- diff ---------------------------------------------------------------------------------------------------

    private int diff(Args args) throws IOException {
        expectArgs(args, "OLD_RULES", "NEW_RULES", "REQUESTS_FILE");
        allowedOnly(args, "out", "threads");
        Path requests = Path.of(args.positional().get(2));
        if (!Files.isRegularFile(requests)) {
            throw new IOException(RequestFiles.name(requests) + ": no such file");
        }
        Path output = Path.of(args.options().getOrDefault("out", "changed-decisions.jsonl"));
        int threads;
        try {
            threads = Integer.parseInt(args.options().getOrDefault("threads", "2"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threads takes a whole number: " + args.options().get("threads"));
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be 1 or more: " + threads);
        }
        Differ.Report report = Differ.diff(Path.of(args.positional().get(0)), Path.of(args.positional().get(1)),
                requests, output, threads, args.allow());
        if (args.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("requests", report.requests());
            json.put("changed", report.changed());
            json.put("transitions", report.transitions());
            json.put("reasons", report.reasons());
            json.put("unreadable", report.unreadable());
            json.put("errors", report.errors());
            json.put("output", report.output().toString());
            json.put("millis", report.millis());
            out.println(Json.write(json));
        } else {
            out.println(report.requests() + " requests replayed in " + report.millis() + " ms: " + report.changed()
                    + " decision" + (report.changed() == 1 ? "" : "s") + " changed" + (report.unreadable() == 0 ? ""
                    : ", " + report.unreadable() + " unreadable"));
            if (!report.transitions().isEmpty()) {
                out.println("by outcome:");
                report.transitions().forEach((k, v) -> out.println(String.format("  %8d  %s", v, k)));
                out.println("by reason (+ appeared, - disappeared):");
                report.reasons().forEach((k, v) -> out.println(String.format("  %8d  %s", v, k)));
                out.println("changed requests with both decisions: " + report.output());
            }
            report.errors().forEach(e -> out.println("  unreadable: " + e));
        }
        if (report.unreadable() > 0) {
            return USAGE;
        }
        return report.changed() == 0 ? OK : PROBLEMS;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
