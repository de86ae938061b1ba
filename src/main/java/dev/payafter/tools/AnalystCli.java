package dev.payafter.tools;

import dev.payafter.PayAfterException;
import dev.payafter.Reason;
import dev.payafter.RuleCompilationException;
import dev.payafter.RuleProblem;
import dev.payafter.internal.Checks;
import dev.payafter.internal.RuleSource;
import dev.payafter.scenarios.RecordedRequests;
import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.scenarios.ScenarioTableException;
import dev.payafter.tools.report.HtmlReport;
import dev.payafter.tools.report.ReportModel;
import dev.payafter.tools.report.ReportModels;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The risk analysts' command line: {@code validate}, {@code test}, {@code explain}, {@code diff} and
 * {@code backtest} a rule set without writing Java. Parsed by picocli (an optional dependency of the library, in
 * the analyst jar only): {@code payafter-analyst COMMAND --help} for each command, {@code --version} with the
 * bundled rule set's version, {@code --opt=value} or {@code --opt value}. The only class of the library that prints:
 * everything goes to the {@link PrintStream}s handed to {@link #run}, so it is testable; {@link #main} hands it the
 * console.
 *
 * <pre>
 * java -jar payafter-VERSION-analyst.jar validate rules
 * java -jar payafter-VERSION-analyst.jar test rules --min-coverage=90
 * java -jar payafter-VERSION-analyst.jar explain rules request.json
 * java -jar payafter-VERSION-analyst.jar diff rules rules-600 requests.jsonl --out changed.csv
 * </pre>
 *
 * Exit codes: 0 all good, 1 problems found (or, for diff, decisions changed), 2 usage or I/O error, and any bad
 * request file ({@link RequestFileException}): every request of {@code explain} and {@code diff} is read and
 * checked before any rule is compiled, and each bad one is printed on stderr as {@code file:line: field: value:
 * why}, bounded and escaped. No command writes a file unless asked ({@code --out}).
 *
 * <p>A new command is one class and one line: a picocli {@code @Command} class implementing
 * {@code Callable<Integer>} that takes the {@link Io} (and may {@code @Mixin} the {@link CommonOptions}), added in
 * {@link #commandLine} with {@code .addSubcommand(new ItsCommand(io))}.
 */
public final class AnalystCli {
    /** Everything is as it should be. */
    public static final int OK = 0;
    /** Problems found: rules that do not load, lint findings, failing scenarios, changed decisions. */
    public static final int PROBLEMS = 1;
    /** The command line was wrong, or a file could not be read or written. */
    public static final int USAGE = 2;

    static final String EXIT_CODES = "exit codes: 0 all good, 1 problems found (diff: decisions changed),"
            + " 2 usage or I/O error";

    private AnalystCli() {
    }

    /**
     * Where a command prints.
     *
     * @param out results
     * @param err usage and I/O errors
     */
    public record Io(PrintStream out, PrintStream err) {
    }

    /** {@code --json} and {@code --allow}, on every command that compiles rules. */
    public static final class CommonOptions {
        @Option(names = "--json", description = "machine-readable output on stdout")
        boolean json;

        @Option(names = "--allow", paramLabel = "CLASS_OR_PACKAGE",
                description = "let rules use more Java, as a host's allowRuleAccessTo does (repeatable)")
        List<String> allow = new ArrayList<>();

        /** Whether {@code --json} was given. */
        public boolean json() {
            return json;
        }

        /** The {@code --allow} entries, in order. */
        public List<String> allow() {
            return List.copyOf(allow);
        }
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
        return commandLine(out, err).execute(args);
    }

    /** The command line with every command, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Io io = new Io(out, err);
        CommandLine cli = new CommandLine(new Root(io))
                .addSubcommand(new Validate(io))
                .addSubcommand(new Test(io))
                .addSubcommand(new Explain(io))
                .addSubcommand(new Diff(io))
                .addSubcommand(new BacktestCommand(io))
                .addSubcommand(new Report(io))
                .addSubcommand(new CommandLine.HelpCommand());
        cli.getSubcommands().get("backtest").setUnmatchedArgumentsAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false);
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            err.println(prefix(where) + Checks.escaped(String.valueOf(e.getMessage())));
            err.println("usage:");
            where.usage(where.getErr());
            where.getErr().flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, where, parsed) -> failed(e, where, io));
        return cli;
    }

    private static String prefix(CommandLine where) {
        String name = where.getCommandSpec().qualifiedName(" ");
        return name + ": ";
    }

    /** How a command that threw ends: what it prints and the exit code. */
    private static int failed(Exception e, CommandLine where, Io io) {
        PrintStream err = io.err();
        String prefix = prefix(where);
        if (e instanceof IllegalArgumentException) {
            err.println(prefix + e.getMessage());
            where.usage(where.getErr());
            where.getErr().flush();
            return USAGE;
        }
        if (e instanceof RequestFileException r) {
            r.problems().forEach(err::println);
            err.println(prefix + "the request file is refused; nothing was decided");
            return USAGE;
        }
        if (e instanceof RuleCompilationException r) {
            boolean json = where.getCommand() instanceof Base b && b.common.json();
            printCompilationProblems(io.out(), r, json);
            return PROBLEMS;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(prefix + Checks.escaped(String.valueOf(e.getMessage())));
            return USAGE;
        }
        if (e instanceof PayAfterException) {
            err.println(prefix + e.getMessage());
            return e.getMessage() != null && e.getMessage().contains("does not exist") ? USAGE : PROBLEMS;
        }
        throw new IllegalStateException(e);
    }

    /** {@code payafter-analyst} alone: the commands, on stderr, exit 2. */
    @Command(name = "payafter-analyst", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Validate, test, explain and diff a payafter rule set.",
            footer = {"", EXIT_CODES, "request files: .json (one request), .jsonl (one per line) or .csv; fields as in"
                    + " rules/README.md", "payafter-analyst COMMAND --help: a command's arguments and options"})
    static final class Root implements Callable<Integer> {
        private final Io io;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Root(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            io.err().println("payafter-analyst: no command");
            spec.commandLine().usage(io.err());
            return USAGE;
        }
    }

    /** {@code --version}: this tool's version and the version (content hash) of the rule set it bundles. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AnalystCli.class.getPackage() == null ? null
                    : AnalystCli.class.getPackage().getImplementationVersion();
            String rules;
            try {
                rules = RuleSource.bundled().version();
            } catch (RuntimeException e) {
                rules = "(not readable: " + e.getMessage() + ")";
            }
            return new String[] {"payafter-analyst " + (version == null ? "(development build)" : version),
                    "bundled rule set " + rules};
        }
    }

    /** What every command has: the {@link Io} and the {@link CommonOptions}. */
    abstract static class Base implements Callable<Integer> {
        final Io io;

        @Mixin
        CommonOptions common = new CommonOptions();

        Base(Io io) {
            this.io = io;
        }

        PrintStream out() {
            return io.out();
        }
    }

    // ---- validate -----------------------------------------------------------------------------------------------

    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Compiles the rule set exactly as the engine does (safe rules included) and lints its"
                    + " tables: blank cells in columns not marked (optional), profile typos, profiles with rows for"
                    + " some decisions only, overlapping and unreachable rows, unknown reason codes in scenarios."},
            footer = {"", EXIT_CODES + "; 1 also for any error or warning finding"})
    static final class Validate extends Base {
        @Parameters(index = "0", paramLabel = "RULES_DIR", description = "the rule set's directory")
        Path rules;

        Validate(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            Validator.Report report = Validator.validate(rules, common.allow());
            PrintStream out = out();
            if (common.json()) {
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
                            : errors > 0 ? " (the engine loads it, but validate refuses it: fix the errors)"
                            : " (the engine loads it; the warnings are lint)"));
                }
            }
            return report.problems() == 0 ? OK : PROBLEMS;
        }
    }

    private static void printCompilationProblems(PrintStream out, RuleCompilationException e, boolean json) {
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

    /** Writes the pages and says where, on stderr (stdout stays the command's own output). */
    private static void writeReport(ReportModel model, Path dir, PrintStream err) {
        err.println("report: " + writePages(model, dir).get(0));
    }

    /** The report's files, the index first. */
    private static List<Path> writePages(ReportModel model, Path dir) {
        try {
            return HtmlReport.write(model, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Writes a self-contained HTML report of the rule set into DIR: every decision table as the"
                    + " analyst sees it, each row coloured by how many scenarios fired it (never fired in red), lint"
                    + " findings on their cells, and the scenarios per table with expected against actual. Nothing"
                    + " is fetched from the internet; open DIR/index.html in a browser."},
            footer = {"", EXIT_CODES + "; 1 when validate or a scenario finds a problem (the report is written)"})
    static final class Report extends Base {
        @Parameters(index = "0", paramLabel = "RULES_DIR", description = "the rule set's directory")
        Path rules;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write the report in")
        Path outDir;

        Report(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            Validator.Report validation = Validator.validate(rules, common.allow());
            ScenarioSuite.Report suite = validation.version() == null ? null : ScenarioSuite.run(rules, common.allow());
            writePages(ReportModel.of(ReportModels.fromRules(rules, validation, suite)), outDir)
                    .forEach(out()::println);
            boolean clean = validation.errors() == 0 && (suite == null ? validation.version() != null
                    : suite.allPassed());
            return clean ? OK : PROBLEMS;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Runs every scenario table (.scenarios.csv and .scenarios.xlsx), every row (a row with a"
                    + " bad cell is reported with each bad cell and not run), then shows which rules and table rows"
                    + " no scenario fired."},
            footer = {"", EXIT_CODES + "; 1 also for a failing scenario, a row or table not run, an unknown reason"
                    + " code, or coverage below --min-coverage"})
    static final class Test extends Base {
        @Parameters(index = "0", paramLabel = "RULES_DIR", description = "the rule set's directory")
        Path rules;

        @Option(names = "--min-coverage", paramLabel = "PCT",
                description = "fail when fewer than PCT percent of the rules and table rows fired (like 90 or 92.5)")
        String minCoverage;

        @Option(names = "--html", paramLabel = "DIR",
                description = "also write the HTML report (tables coloured by fired scenarios, every failure) into DIR")
        Path html;

        Test(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            BigDecimal minimum = null;
            if (minCoverage != null) {
                try {
                    minimum = new BigDecimal(minCoverage.replace("%", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--min-coverage takes a percentage like 90 or 92.5, not \""
                            + Checks.shown(minCoverage) + "\"");
                }
                if (minimum.signum() < 0 || minimum.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("--min-coverage must be between 0 and 100: " + minimum);
                }
            }
            ScenarioSuite.Report report = ScenarioSuite.run(rules, common.allow());
            if (html != null) {
                writeReport(ReportModel.of(ReportModels.fromRules(rules, Validator.validate(rules, common.allow()),
                        report)), html, io.err());
            }
            boolean belowMinimum = minimum != null && report.coveragePercent().compareTo(minimum) < 0;
            if (common.json()) {
                printJson(report, minimum);
            } else {
                printText(report, minimum, belowMinimum);
            }
            return report.allPassed() && !belowMinimum ? OK : PROBLEMS;
        }

        private void printJson(ScenarioSuite.Report report, BigDecimal minimum) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenarios", report.results().size());
            json.put("failed", report.failed());
            json.put("notRun", report.notRun());
            json.put("tableErrors", report.tableErrors().stream().map(t -> Map.of("table", t.table().toString(),
                    "message", t.message())).toList());
            json.put("failures", report.results().stream().filter(r -> !r.passed()).map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", r.file().toString());
                m.put("line", r.line());
                m.put("name", r.name());
                m.put("profile", r.profile());
                m.put("mismatches", r.mismatches());
                m.put("badCells", r.badCells());
                m.put("reasons", r.reasons());
                m.put("firedRules", r.firedRules());
                return m;
            }).toList());
            json.put("unknownReasons", report.unknownReasons().stream().map(Finding::toJson).toList());
            json.put("rules", report.rules());
            json.put("coveragePercent", report.coveragePercent());
            json.put("minimumCoveragePercent", minimum);
            json.put("uncovered", report.uncovered().stream().map(u -> Map.of("rule", u.name(), "where", u.where()))
                    .toList());
            json.put("notMeasured", report.notMeasured().stream().map(u -> Map.of("rule", u.name(), "where",
                    u.where())).toList());
            out().println(Json.write(json));
        }

        private void printText(ScenarioSuite.Report report, BigDecimal minimum, boolean belowMinimum) {
            PrintStream out = out();
            Path last = null;
            for (ScenarioResult result : report.results()) {
                if (!result.file().equals(last)) {
                    last = result.file();
                    List<ScenarioResult> table = report.results().stream().filter(r -> r.file().equals(result.file()))
                            .toList();
                    long passed = table.stream().filter(ScenarioResult::passed).count();
                    long notRun = table.stream().filter(ScenarioResult::notRun).count();
                    out.println(result.file() + " (" + result.profile() + "): " + passed + "/" + table.size()
                            + " passed" + (notRun == 0 ? "" : ", " + notRun + " not run"));
                }
                if (result.notRun()) {
                    out.println("  NOT RUN line " + result.line() + " \"" + Checks.escaped(result.name()) + "\"");
                    result.badCells().forEach(c -> out.println("       " + Checks.escaped(c)));
                } else if (!result.passed()) {
                    out.println("  FAIL line " + result.line() + " \"" + Checks.escaped(result.name()) + "\"");
                    result.mismatches().forEach(m -> out.println("       " + m));
                    if (!result.reasons().isEmpty()) {
                        out.println("       the decision's reasons:");
                        result.reasons().forEach(r -> out.println("         " + r));
                    }
                    out.println("       fired: " + result.firedRules());
                }
            }
            for (ScenarioSuite.TableError error : report.tableErrors()) {
                error.message().lines().forEach(l -> out.println("  ERROR " + Checks.escaped(l)));
            }
            for (Finding unknown : report.unknownReasons()) {
                out.println("  " + unknown);
            }
            long ran = report.results().size() - report.notRun();
            out.println("scenarios: " + (ran - report.failed()) + " passed, " + report.failed() + " failed"
                    + (report.notRun() == 0 ? "" : ", " + report.notRun() + " not run (bad cells)")
                    + (report.tableErrors().isEmpty() ? "" : ", " + plural(report.tableErrors().size(), "table")
                    + " not run")
                    + (report.unknownReasons().isEmpty() ? "" : ", " + plural(report.unknownReasons().size(),
                    "unknown reason code")));
            out.println("coverage: " + (report.rules() - report.uncovered().size()) + " of " + report.rules()
                    + " rules and table rows fired by some scenario (" + report.coveragePercent() + "%)"
                    + (minimum == null ? "" : belowMinimum ? ", below the minimum " + minimum.toPlainString() + "%"
                    : ", minimum " + minimum.toPlainString() + "% met"));
            if (!report.uncovered().isEmpty()) {
                out.println("never fired:");
                report.uncovered().forEach(u -> out.println("  " + u.where() + "  " + u.name()));
            }
            if (!report.notMeasured().isEmpty()) {
                out.println("not measured (their scenario table did not run):");
                report.notMeasured().forEach(u -> out.println("  " + u.where() + "  " + u.name()));
            }
        }
    }

    // ---- explain ------------------------------------------------------------------------------------------------

    @Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"One decision of a recorded request: what fired, and why each table row did not."},
            footer = {"", EXIT_CODES, "REQUEST_FILE: a .json object or a one-row .csv; fields as in rules/README.md"})
    static final class Explain extends Base {
        @Parameters(index = "0", paramLabel = "RULES_DIR", description = "the rule set's directory")
        Path rules;

        @Parameters(index = "1", paramLabel = "REQUEST_FILE", description = "one recorded request")
        Path requestFile;

        @Option(names = "--html", paramLabel = "DIR",
                description = "also write the HTML page (the request, the fired rows in their tables, the reasons) into DIR")
        Path html;

        Explain(Io io) {
            super(io);
        }

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(requestFile)) {
                throw new IOException(RequestFiles.name(requestFile) + ": no such file");
            }
            // the request is read and checked first: a bad one is refused before any rule is compiled
            RequestFiles.Record record = RequestFiles.single(requestFile);
            RecordedRequests.Parsed parsed = RequestFiles.parse(requestFile, record);
            Explainer.Explanation explanation;
            try {
                explanation = Explainer.explain(rules, parsed, record.fields(), common.allow());
            } catch (ScenarioTableException e) { // a profile the rule set does not have
                throw new RequestFileException(List.of(e.getMessage()));
            }
            if (html != null) {
                writeReport(ReportModel.of(ReportModels.fromExplain(rules, RequestFiles.name(requestFile),
                        explanation)), html, io.err());
            }
            RecordedRequests.Decision d = explanation.decision();
            PrintStream out = out();
            if (common.json()) {
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
    }

    // ---- diff ---------------------------------------------------------------------------------------------------

    @Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Replays recorded requests through both rule sets and counts the decisions that changed,"
                    + " by outcome and by reason. Writes the changed requests with both decisions only with --out."},
            footer = {"", EXIT_CODES, "REQUESTS_FILE: .jsonl (one request a line, or the audit log's decision lines)"
                    + " or .csv"})
    static final class Diff extends Base {
        @Parameters(index = "0", paramLabel = "OLD_RULES", description = "the rule set as it is")
        Path oldRules;

        @Parameters(index = "1", paramLabel = "NEW_RULES", description = "the rule set as it would be")
        Path newRules;

        @Parameters(index = "2", paramLabel = "REQUESTS_FILE", description = "the recorded requests")
        Path requests;

        @Option(names = "--out", paramLabel = "FILE",
                description = "write each changed request with both decisions to FILE (nothing is written without)")
        Path output;

        @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or csv; by default FILE's extension"
                + " decides: .csv is CSV, anything else JSON Lines")
        String format;

        @Option(names = "--threads", paramLabel = "N", description = "threads deciding (default 2)")
        int threads = 2;

        @Option(names = "--html", paramLabel = "DIR", description = "also write the HTML page (outcomes before -> after"
                + " by profile, approval rates, reasons appeared and disappeared, a sample of changed requests) into DIR")
        Path html;

        Diff(Io io) {
            super(io);
        }

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(requests)) {
                throw new IOException(RequestFiles.name(requests) + ": no such file");
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("--threads must be 1 to 256: " + threads);
            }
            Differ.Format chosen;
            if (format == null) {
                chosen = output == null ? Differ.Format.JSONL : Differ.Format.of(output);
            } else {
                chosen = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "csv" -> Differ.Format.CSV;
                    case "jsonl", "json-lines", "ndjson" -> Differ.Format.JSONL;
                    default -> throw new IllegalArgumentException("--format is jsonl or csv, not \""
                            + Checks.shown(format) + "\"");
                };
                if (output == null) {
                    throw new IllegalArgumentException("--format needs --out FILE");
                }
            }
            Differ.Report report = Differ.diff(oldRules, newRules, requests, output, chosen, threads,
                    common.allow());
            if (html != null) {
                // the page replays the requests itself: it needs every decision, not only the changed ones
                List<ReportModels.Recorded> recorded = new ArrayList<>();
                try (RequestFiles.Reader reader = RequestFiles.open(requests)) {
                    for (RequestFiles.Record r = reader.next(); r != null; r = reader.next()) {
                        recorded.add(new ReportModels.Recorded(r.line(), r.fields().get("id"),
                                RequestFiles.parse(requests, r)));
                    }
                }
                writeReport(ReportModel.of(ReportModels.fromDiff(oldRules, newRules, RequestFiles.name(requests),
                        recorded, common.allow(), ReportModels.DEFAULT_SAMPLE)), html, io.err());
            }
            PrintStream out = out();
            if (common.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("requests", report.requests());
                json.put("changed", report.changed());
                json.put("transitions", report.transitions());
                json.put("reasons", report.reasons());
                json.put("unreadable", report.unreadable());
                json.put("errors", report.errors());
                json.put("output", report.output() == null ? null : report.output().toString());
                json.put("format", report.output() == null ? null : chosen.name().toLowerCase(java.util.Locale.ROOT));
                json.put("millis", report.millis());
                out.println(Json.write(json));
            } else {
                out.println(report.requests() + " requests replayed in " + report.millis() + " ms: "
                        + report.changed() + " decision" + (report.changed() == 1 ? "" : "s") + " changed"
                        + (report.unreadable() == 0 ? "" : ", " + report.unreadable() + " unreadable"));
                if (!report.transitions().isEmpty()) {
                    out.println("by outcome:");
                    report.transitions().forEach((k, v) -> out.println(String.format("  %8d  %s", v, k)));
                    out.println("by reason (+ appeared, - disappeared):");
                    report.reasons().forEach((k, v) -> out.println(String.format("  %8d  %s", v, k)));
                    out.println(report.output() == null ? "changed requests with both decisions: not written"
                            + " (--out FILE.csv or FILE.jsonl writes them)"
                            : "changed requests with both decisions: " + report.output() + " ("
                            + (chosen == Differ.Format.CSV ? "CSV" : "JSON Lines") + ")");
                }
                report.errors().forEach(e -> out.println("  unreadable: " + e));
            }
            if (report.unreadable() > 0) {
                return USAGE;
            }
            return report.changed() == 0 ? OK : PROBLEMS;
        }
    }

    // ---- backtest -----------------------------------------------------------------------------------------------

    /**
     * {@code backtest} ({@link dev.payafter.tools.backtest.Backtest}): its options declared here for {@code --help}
     * and {@code --opt=value}; the arguments are then handed to {@code Backtest.run}, which checks them as it always
     * has (the same messages and exit codes).
     */
    @Command(name = "backtest", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", customSynopsis = {"payafter-analyst backtest OLD_RULES NEW_RULES"
                    + " DECISIONS --outcomes OUTCOMES [--out DIR] [--json] [--html] [--go-on] [--zone ZONE]"
                    + " [--threads N] [--allow TYPE]..."},
            description = {"What a rule change would have cost: replays the audit trail (DECISIONS, JSON Lines, .gz"
                    + " allowed) through both rule sets and joins what really happened (see README, backtest)."},
            footer = {"", "exit codes: 0 all good, 1 rules that do not compile or OLD_RULES not reproducing the"
                    + " recording, 2 usage or bad input files"})
    static final class BacktestCommand extends Base {
        @Parameters(arity = "0..*", paramLabel = "OLD_RULES NEW_RULES DECISIONS",
                description = "the rule set the decisions were made by, the rule set as it would be, the audit trail")
        List<String> positional = new ArrayList<>();

        @Option(names = "--outcomes", paramLabel = "OUTCOMES", description = "required: what happened per order,"
                + " CSV with a header or JSON Lines (.gz allowed): orderId, consumerId, result, overdueAmount")
        String outcomes;

        @Option(names = "--out", paramLabel = "DIR",
                description = "also write summary.txt, summary.json, changes.jsonl (and summary.html with --html)")
        String outDir;

        @Option(names = "--html", description = "with --out, also summary.html")
        boolean html;

        @Option(names = "--go-on", description = "backtest even when OLD_RULES does not reproduce every decision")
        boolean goOn;

        @Option(names = "--zone", paramLabel = "ZONE", description = "the replay clock's zone (default UTC)")
        String zone;

        @Option(names = "--threads", paramLabel = "N", description = "threads deciding (default 2)")
        String threads;

        @CommandLine.Unmatched
        List<String> unmatched = new ArrayList<>();

        BacktestCommand(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            List<String> args = new ArrayList<>(positional);
            addIf(args, "--outcomes", outcomes);
            addIf(args, "--out", outDir);
            addIf(args, "--zone", zone);
            addIf(args, "--threads", threads);
            if (common.json()) {
                args.add("--json");
            }
            if (html) {
                args.add("--html");
            }
            if (goOn) {
                args.add("--go-on");
            }
            for (String allowed : common.allow()) {
                args.addAll(List.of("--allow", allowed));
            }
            args.addAll(unmatched); // an unknown option: Backtest.run refuses it by name
            return dev.payafter.tools.backtest.Backtest.run(args.toArray(String[]::new), io.out(), io.err());
        }

        private static void addIf(List<String> args, String option, String value) {
            if (value != null) {
                args.addAll(List.of(option, value));
            }
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
