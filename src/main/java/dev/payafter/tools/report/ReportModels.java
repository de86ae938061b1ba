package dev.payafter.tools.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.RuleCompilationException;
import dev.payafter.deduction.DeductionOutcome;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityOutcome;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.RuleFile;
import dev.payafter.internal.RuleSource;
import dev.payafter.internal.TableGrid;
import dev.payafter.jackson.PayAfterModule;
import dev.payafter.refund.RefundOutcome;
import dev.payafter.refund.RefundRequest;
import dev.payafter.scenarios.RecordedRequests;
import dev.payafter.scenarios.ScenarioResult;
import dev.payafter.scenarios.ScenarioTables;
import dev.payafter.tools.Differ;
import dev.payafter.tools.Explainer;
import dev.payafter.tools.Finding;
import dev.payafter.tools.ScenarioSuite;
import dev.payafter.tools.Validator;
import dev.payafter.tools.report.ReportModel.CellView;
import dev.payafter.tools.report.ReportModel.ChangedRequest;
import dev.payafter.tools.report.ReportModel.DecisionView;
import dev.payafter.tools.report.ReportModel.DiffPage;
import dev.payafter.tools.report.ReportModel.ExplainPage;
import dev.payafter.tools.report.ReportModel.Field;
import dev.payafter.tools.report.ReportModel.FindingView;
import dev.payafter.tools.report.ReportModel.FireCount;
import dev.payafter.tools.report.ReportModel.Fired;
import dev.payafter.tools.report.ReportModel.Mismatch;
import dev.payafter.tools.report.ReportModel.Move;
import dev.payafter.tools.report.ReportModel.NotFired;
import dev.payafter.tools.report.ReportModel.ProfileDiff;
import dev.payafter.tools.report.ReportModel.ReasonMove;
import dev.payafter.tools.report.ReportModel.ReasonView;
import dev.payafter.tools.report.ReportModel.RowKind;
import dev.payafter.tools.report.ReportModel.RowStatus;
import dev.payafter.tools.report.ReportModel.RowView;
import dev.payafter.tools.report.ReportModel.RuleRef;
import dev.payafter.tools.report.ReportModel.RulesPage;
import dev.payafter.tools.report.ReportModel.ScenarioTableView;
import dev.payafter.tools.report.ReportModel.ScenarioView;
import dev.payafter.tools.report.ReportModel.TableView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link ReportModel} pages from the analyst tool's results: {@link #fromRules} (what {@code report} and
 * {@code test --html} draw), {@link #fromExplain} ({@code explain --html}) and {@link #fromDiff}
 * ({@code diff --html}). These adapters only translate; they draw nothing ({@link HtmlReport} does), so that a
 * change of the tool's result types touches this class alone.
 *
 * <pre>{@code
 * ReportModel model = ReportModel.of(ReportModels.fromRules(Path.of("rules"), List.of()));
 * List<Path> written = HtmlReport.write(model, Path.of("target/report"));
 * }</pre>
 */
public final class ReportModels {
    /** How many changed requests a diff page lists by default. */
    public static final int DEFAULT_SAMPLE = 50;
    private static final int MAX_EXAMPLES = 10;
    private static final int MAX_UNREADABLE = 20;
    private static final Pattern MISMATCH = Pattern.compile("^(.+?): expected (.*?) but was (.*)$", Pattern.DOTALL);
    private static final Pattern SHEET_CELL = Pattern.compile("!([A-Z]{1,3})(\\d+)$");
    private static final ObjectMapper JSON = PayAfterModule.mapper();

    private ReportModels() {
    }

    // ---- the rule set --------------------------------------------------------------------------------------------

    /**
     * Validates the rule set and runs its scenarios (as {@code validate} and {@code test} do), then builds its page.
     * When the rules do not compile, the tables are still drawn with every finding on its cell, and no scenario runs.
     *
     * @param allowed extra allow-list entries for the safe-rules policy ({@code --allow})
     * @throws PayAfterException if {@code rulesDir} is not a rule directory
     */
    public static RulesPage fromRules(Path rulesDir, List<String> allowed) {
        Validator.Report validation = Validator.validate(rulesDir, allowed);
        ScenarioSuite.Report suite = null;
        if (validation.version() != null) {
            try {
                suite = ScenarioSuite.run(rulesDir, allowed);
            } catch (RuleCompilationException e) {
                suite = null; // validate compiled it; a second build that fails is reported as not run
            }
        }
        return fromRules(rulesDir, validation, suite);
    }

    /**
     * The rule-set page from results already computed ({@code test --html} has run the scenarios already).
     *
     * @param validation what {@code validate} found, or null (no findings are drawn)
     * @param suite what {@code test} found, or null when no scenario ran (the rules do not compile)
     */
    public static RulesPage fromRules(Path rulesDir, Validator.Report validation, ScenarioSuite.Report suite) {
        RuleSource source = RuleSource.fromDirectory(rulesDir);
        List<Finding> findings = validation == null ? List.of() : validation.findings();
        Map<String, FireCountBuilder> fired = new HashMap<>();
        if (suite != null) {
            for (ScenarioResult result : suite.results()) {
                for (String rule : new LinkedHashSet<>(result.firedRules())) {
                    fired.computeIfAbsent(rule, r -> new FireCountBuilder()).add(result.name());
                }
            }
        }
        List<TableView> tables = new ArrayList<>();
        for (RuleFile file : source.files()) {
            if (file.type().table()) {
                tables.add(table(file, findings, rule -> {
                    FireCountBuilder count = fired.get(rule);
                    return count == null ? new FireCount(0, List.of()) : count.build();
                }));
            }
        }
        List<ScenarioTableView> scenarioTables = new ArrayList<>();
        List<RuleRef> neverFired = new ArrayList<>();
        String notRun = null;
        int rules = 0;
        if (suite == null) {
            notRun = validation != null && validation.version() == null
                    ? "the rules do not compile (" + validation.errors() + " error" + (validation.errors() == 1 ? "" : "s")
                    + " below), so no scenario ran"
                    : "no scenario ran";
        } else {
            Map<Path, List<ScenarioView>> byTable = new LinkedHashMap<>();
            Map<Path, String> profiles = new HashMap<>();
            for (ScenarioResult result : suite.results()) {
                byTable.computeIfAbsent(result.file(), f -> new ArrayList<>()).add(scenario(result));
                profiles.putIfAbsent(result.file(), result.profile());
            }
            Map<Path, String> errors = new LinkedHashMap<>();
            for (ScenarioSuite.TableError error : suite.tableErrors()) {
                errors.merge(error.table(), error.message(), (a, b) -> a + "\n" + b);
                byTable.computeIfAbsent(error.table(), f -> new ArrayList<>());
            }
            List<Path> files = new ArrayList<>(byTable.keySet());
            files.sort(Comparator.comparing(p -> relative(rulesDir, p)));
            for (Path file : files) {
                String profile = profiles.getOrDefault(file, ScenarioTables.profileOf(file));
                scenarioTables.add(new ScenarioTableView(relative(rulesDir, file), profile, byTable.get(file),
                        errors.get(file)));
            }
            suite.uncovered().forEach(u -> neverFired.add(new RuleRef(u.name(), u.where())));
            rules = suite.rules();
        }
        return new RulesPage(rulesDir.toString(), validation == null ? null : validation.version(), tables,
                findings.stream().map(ReportModels::finding).toList(), scenarioTables, notRun, rules, neverFired);
    }

    private static final class FireCountBuilder {
        int count;
        final List<String> examples = new ArrayList<>();

        void add(String scenario) {
            count++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(scenario);
            }
        }

        FireCount build() {
            return new FireCount(count, examples);
        }
    }

    private static ScenarioView scenario(ScenarioResult result) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (String m : result.mismatches()) {
            Matcher matcher = MISMATCH.matcher(m);
            mismatches.add(matcher.matches() ? new Mismatch(matcher.group(1), matcher.group(2), matcher.group(3))
                    : new Mismatch(m, "", ""));
        }
        return new ScenarioView(result.line(), result.name(), mismatches, result.firedRules());
    }

    private static FindingView finding(Finding f) {
        return new FindingView(f.where(), f.severity(), f.code(), f.message());
    }

    // ---- tables --------------------------------------------------------------------------------------------------

    /**
     * One table file drawn as Drools reads its compiled sheet, with the findings located on its cells and a status
     * for each data row.
     */
    static TableView table(RuleFile file, List<Finding> findings, Function<String, RowStatus> status) {
        TableGrid grid;
        DecisionTableModel model;
        try {
            grid = TableGrid.read(file).get(0);
            model = DecisionTableModel.of(file.path(), grid);
        } catch (RuntimeException e) {
            return new TableView(file.path(), "", 0, List.of(), "cannot be read: " + e.getMessage());
        }
        Map<Integer, RowKind> kinds = new HashMap<>();
        for (DecisionTableModel.Table table : model.tables()) {
            kinds.put(table.headerRow(), RowKind.TABLE_NAME);
            for (int r = table.headerRow() + 1; r <= table.headerRow() + 3; r++) {
                kinds.put(r, RowKind.WIRING);
            }
            kinds.put(table.headerRow() + 4, RowKind.TITLE);
            table.rows().forEach(row -> kinds.put(row.row(), RowKind.DATA));
        }
        model.ignoredRows().forEach(row -> kinds.put(row.row(), RowKind.IGNORED));
        Map<Integer, Map<Integer, List<FindingView>>> located = new HashMap<>();
        for (Finding f : findings) {
            if (!file.path().equals(f.file())) {
                continue;
            }
            int row = f.line();
            int column = f.column() > 0 ? f.column() - 1 : -1;
            Matcher cell = SHEET_CELL.matcher(f.where());
            if (cell.find() && !"csv".equals(grid.sheet())) {
                column = columnIndex(cell.group(1));
                row = Integer.parseInt(cell.group(2));
            }
            if (row <= 0 || !grid.rows().containsKey(row)) {
                continue; // not on a drawn cell: the page lists it with the table
            }
            if (column < 0 || grid.text(row, column).isEmpty()) {
                column = grid.rows().get(row).entrySet().stream().filter(e -> !e.getValue().isBlank())
                        .mapToInt(Map.Entry::getKey).min().orElse(0);
            }
            located.computeIfAbsent(row, r -> new HashMap<>()).computeIfAbsent(column, c -> new ArrayList<>())
                    .add(finding(f));
        }
        List<RowView> rows = new ArrayList<>();
        int columns = 0;
        for (Map.Entry<Integer, Map<Integer, String>> e : grid.rows().entrySet()) {
            int number = e.getKey();
            List<CellView> cells = new ArrayList<>();
            Map<Integer, List<FindingView>> rowFindings = located.getOrDefault(number, Map.of());
            for (Map.Entry<Integer, String> c : new TreeMap<>(e.getValue()).entrySet()) {
                String text = c.getValue().strip();
                List<FindingView> here = rowFindings.getOrDefault(c.getKey(), List.of());
                if (text.isEmpty() && here.isEmpty()) {
                    continue;
                }
                cells.add(new CellView(c.getKey(), text, here));
                columns = Math.max(columns, c.getKey() + 1);
            }
            if (cells.isEmpty()) {
                continue;
            }
            RowKind kind = kinds.getOrDefault(number, RowKind.KEYWORD);
            String rule = kind == RowKind.DATA ? file.name() + " row " + number : null;
            rows.add(new RowView(number, kind, rule, cells, rule == null ? null : status.apply(rule)));
        }
        return new TableView(file.path(), grid.sheet(), columns, rows, null);
    }

    private static int columnIndex(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    // ---- explain -------------------------------------------------------------------------------------------------

    /**
     * Explains one recorded request (as {@code explain} does) and builds its page.
     *
     * @param fields the record's fields, as {@link RecordedRequests} reads them
     * @param requestFile the request file, for messages and the page's title
     * @throws RuleCompilationException if the rules do not compile
     * @throws dev.payafter.scenarios.ScenarioTableException if the record is bad or names no profile of the rules
     */
    public static ExplainPage fromExplain(Path rulesDir, Map<String, String> fields, Path requestFile,
            List<String> allowed) {
        return fromExplain(rulesDir, requestFile.toString(), Explainer.explain(rulesDir, fields, requestFile, allowed));
    }

    /** The explain page of an explanation already made ({@code explain --html} has it). */
    public static ExplainPage fromExplain(Path rulesDir, String requestName, Explainer.Explanation explanation) {
        RecordedRequests.Decision decision = explanation.decision();
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < decision.firedRules().size(); i++) {
            order.putIfAbsent(decision.firedRules().get(i), i + 1);
        }
        Map<String, String> why = new HashMap<>();
        explanation.rowMisses().forEach(m -> why.put(m.rule(), m.why()));
        List<TableView> tables = new ArrayList<>();
        for (RuleFile file : RuleSource.fromDirectory(rulesDir).files()) {
            if (file.type().table() && file.folder().equals(decision.kind())) {
                tables.add(table(file, List.of(), rule -> order.containsKey(rule) ? new Fired(order.get(rule))
                        : new NotFired(why.getOrDefault(rule, ""))));
            }
        }
        List<Field> request = new ArrayList<>();
        request.add(new Field("kind", decision.kind()));
        request.add(new Field("profile", decision.profile()));
        if (decision.request() != null) {
            flatten("", JSON.valueToTree(decision.request()), request);
        }
        return new ExplainPage(rulesDir.toString(), requestName, decision.kind(), decision.profile(), request,
                decision.outcome(), decision.reasons().stream().map(r -> new ReasonView(r.code(), r.message(), r.rule()))
                .toList(), details(decision), decision.firedRules(), tables, explanation.notFiredRules());
    }

    /** A JSON tree as dotted names and their values: {@code consumer.creditScores[0].value}. */
    private static void flatten(String prefix, JsonNode node, List<Field> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.add(new Field(prefix, "(none)"));
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.add(new Field(prefix, node.isNull() ? "(none)" : node.asText()));
        }
    }

    private static List<Field> details(RecordedRequests.Decision decision) {
        return new TreeMap<>(decision.details()).entrySet().stream().map(e -> new Field(e.getKey(), e.getValue()))
                .toList();
    }

    // ---- diff ----------------------------------------------------------------------------------------------------

    /**
     * One recorded request to replay: its line in the request file, its id for people, and the request read and
     * checked.
     *
     * @param line its line (record number) in the request file
     * @param id the record's {@code id} field, or null (the request's order id is shown instead)
     * @param parsed the request, from {@link RecordedRequests#parse} (the analyst CLI: {@code RequestFiles.parse})
     */
    public record Recorded(int line, String id, RecordedRequests.Parsed parsed) {
        public Recorded {
            Objects.requireNonNull(parsed, "parsed");
        }

        /**
         * A record of the flat form (scenario-table columns plus {@code kind} and {@code profile}), read and checked.
         *
         * @throws dev.payafter.scenarios.ScenarioTableException naming file, line, field and value if it is bad
         */
        public static Recorded of(Map<String, String> fields, Path file, int line) {
            return new Recorded(line, fields.get("id"), RecordedRequests.parse(fields, file, line));
        }
    }

    /**
     * Builds both rule sets as {@code diff} does ({@link Differ#engine}), replays every request through both, and
     * builds the diff page.
     *
     * @param requestsName the request file, as the page names it
     * @param sample how many changed requests the page lists ({@link #DEFAULT_SAMPLE})
     * @throws RuleCompilationException if either rule set does not compile
     */
    public static DiffPage fromDiff(Path oldRules, Path newRules, String requestsName, Iterable<Recorded> requests,
            List<String> allowed, int sample) {
        try (PayAfterEngine before = Differ.engine(oldRules, allowed);
                PayAfterEngine after = Differ.engine(newRules, allowed)) {
            return fromDiff(before, after, oldRules.toString(), newRules.toString(), requestsName, requests, sample);
        }
    }

    /**
     * Replays every request through two engines already built (each request under its own profile) and builds the
     * diff page. A request whose profile one of the rule sets does not have is counted unreadable, as in
     * {@code diff}.
     */
    public static DiffPage fromDiff(PayAfterEngine before, PayAfterEngine after, String oldName, String newName,
            String requestsName, Iterable<Recorded> requests, int sample) {
        Map<List<String>, Map<String, Map<String, Long>>> groups = new TreeMap<>(
                Comparator.<List<String>, Integer>comparing(k -> kindOrder(k.get(0))).thenComparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1)));
        Map<String, long[]> reasons = new TreeMap<>();
        List<ChangedRequest> changedSample = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long unreadableCount = 0;
        long decided = 0;
        long changed = 0;
        for (Recorded record : requests) {
            RecordedRequests.Decision old;
            RecordedRequests.Decision now;
            try {
                old = RecordedRequests.decide(before, record.parsed());
                now = RecordedRequests.decide(after, record.parsed());
            } catch (PayAfterException e) {
                unreadableCount++;
                if (unreadable.size() < MAX_UNREADABLE) {
                    unreadable.add(e.getMessage());
                }
                continue;
            }
            decided++;
            groups.computeIfAbsent(List.of(old.kind(), old.profile()), k -> new TreeMap<>())
                    .computeIfAbsent(old.outcome(), o -> new TreeMap<>()).merge(now.outcome(), 1L, Long::sum);
            if (!old.differsFrom(now)) {
                continue;
            }
            changed++;
            Set<String> oldCodes = old.reasonCodes();
            Set<String> newCodes = now.reasonCodes();
            for (String code : newCodes) {
                if (!oldCodes.contains(code)) {
                    reasons.computeIfAbsent(code, c -> new long[2])[0]++;
                }
            }
            for (String code : oldCodes) {
                if (!newCodes.contains(code)) {
                    reasons.computeIfAbsent(code, c -> new long[2])[1]++;
                }
            }
            if (changedSample.size() < sample) {
                changedSample.add(new ChangedRequest(record.line(), id(record, old.request()), old.kind(),
                        old.profile(), json(old.request()), view(old), view(now)));
            }
        }
        List<ProfileDiff> diffs = new ArrayList<>();
        groups.forEach((key, matrix) -> diffs.add(profileDiff(key.get(0), key.get(1), matrix)));
        List<ReasonMove> moves = new ArrayList<>();
        reasons.forEach((code, n) -> moves.add(new ReasonMove(code, n[0], n[1])));
        moves.sort(Comparator.comparingLong((ReasonMove m) -> -(m.appeared() + m.disappeared()))
                .thenComparing(ReasonMove::code));
        return new DiffPage(oldName, newName, requestsName, decided, changed, diffs, moves, changedSample, unreadable,
                unreadableCount);
    }

    private static ProfileDiff profileDiff(String kind, String profile, Map<String, Map<String, Long>> matrix) {
        List<String> known = outcomesOf(kind);
        Set<String> seen = new TreeSet<>();
        List<Move> moves = new ArrayList<>();
        matrix.forEach((before, afters) -> {
            seen.add(before);
            afters.forEach((after, count) -> {
                seen.add(after);
                moves.add(new Move(before, after, count));
            });
        });
        String approved = known.isEmpty() ? null : known.get(0);
        List<String> outcomes = new ArrayList<>();
        for (String outcome : known) {
            if (seen.contains(outcome) || outcome.equals(approved)) {
                outcomes.add(outcome);
            }
        }
        seen.stream().filter(o -> !outcomes.contains(o)).forEach(outcomes::add); // INVALID_REQUEST, or unknown
        Comparator<Move> byPlace = Comparator.comparingInt((Move m) -> outcomes.indexOf(m.before()))
                .thenComparingInt(m -> outcomes.indexOf(m.after()));
        moves.sort(byPlace);
        return new ProfileDiff(kind, profile, outcomes, moves, approved == null ? "" : approved);
    }

    /** A decision kind's outcomes in their enum's order; the first is the approving one. */
    private static List<String> outcomesOf(String kind) {
        Enum<?>[] values = switch (kind) {
            case "eligibility" -> EligibilityOutcome.values();
            case "refund" -> RefundOutcome.values();
            case "deduction" -> DeductionOutcome.values();
            default -> new Enum<?>[0];
        };
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }

    private static int kindOrder(String kind) {
        return switch (kind) {
            case "eligibility" -> 0;
            case "refund" -> 1;
            case "deduction" -> 2;
            default -> 3;
        };
    }

    private static DecisionView view(RecordedRequests.Decision decision) {
        return new DecisionView(decision.outcome(), List.copyOf(decision.reasonCodes()), details(decision));
    }

    private static String id(Recorded record, Object request) {
        if (record.id() != null && !record.id().isBlank()) {
            return record.id();
        }
        if (request instanceof EligibilityRequest r) {
            return r.orderId();
        }
        if (request instanceof RefundRequest r) {
            return r.orderId();
        }
        if (request instanceof DeductionRequest r) {
            return r.orderId();
        }
        return "";
    }

    private static String json(Object request) {
        if (request == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            return String.valueOf(request);
        }
    }

    /** {@code path} relative to the rule set, with {@code /}, when it lies inside it. */
    private static String relative(Path rulesDir, Path path) {
        Path shown = path.startsWith(rulesDir) ? rulesDir.relativize(path) : path;
        return shown.toString().replace('\\', '/');
    }
}
