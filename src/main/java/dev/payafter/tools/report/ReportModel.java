package dev.payafter.tools.report;

import java.util.List;
import java.util.Objects;

/**
 * What an HTML report shows, as plain immutable values: no engine, no file, nothing to compute. The adapters in
 * {@link ReportModels} build one from the analyst tool's results; {@link HtmlReport#write} draws it. Every text in
 * it may come from an analyst's files (cells, scenario names, request ids, reason messages) and is escaped when
 * drawn.
 *
 * <p>A report has up to three pages: the rule set ({@link RulesPage}: every decision table with how many scenarios
 * fired each row, the lint findings on their cells, the scenarios per table), one explained request
 * ({@link ExplainPage}) and a diff of two rule sets ({@link DiffPage}). At least one is present.
 *
 * @param title the report's title, shown on every page
 * @param rules the rule-set page, or null
 * @param explain the explain page, or null
 * @param diff the diff page, or null
 */
public record ReportModel(String title, RulesPage rules, ExplainPage explain, DiffPage diff) {

    public ReportModel {
        Objects.requireNonNull(title, "title");
        if (rules == null && explain == null && diff == null) {
            throw new IllegalArgumentException("a report needs at least one page");
        }
    }

    /** A report of the rule-set page alone. */
    public static ReportModel of(RulesPage rules) {
        return new ReportModel("payafter rules: " + rules.rulesDir(), rules, null, null);
    }

    /** A report of the explain page alone. */
    public static ReportModel of(ExplainPage explain) {
        return new ReportModel("payafter explain: " + explain.requestName(), null, explain, null);
    }

    /** A report of the diff page alone. */
    public static ReportModel of(DiffPage diff) {
        return new ReportModel("payafter diff: " + diff.oldRules() + " -> " + diff.newRules(), null, null, diff);
    }

    /** This report with the rule-set page set (or replaced). */
    public ReportModel with(RulesPage page) {
        return new ReportModel(title, page, explain, diff);
    }

    /** This report with the explain page set (or replaced). */
    public ReportModel with(ExplainPage page) {
        return new ReportModel(title, rules, page, diff);
    }

    /** This report with the diff page set (or replaced). */
    public ReportModel with(DiffPage page) {
        return new ReportModel(title, rules, explain, page);
    }

    // ---- tables ------------------------------------------------------------------------------------------------

    /**
     * One decision table drawn as its sheet: every non-blank row with its cells where the spreadsheet has them.
     *
     * @param file the file, relative to the rule set ({@code eligibility/eligibility-policy.drl.csv})
     * @param sheet the sheet's name ({@code csv} for a CSV file)
     * @param columns how many columns the widest row has
     * @param rows the rows in sheet order
     * @param problem why the table could not be read, or null (then {@code rows} is empty)
     */
    public record TableView(String file, String sheet, int columns, List<RowView> rows, String problem) {
        public TableView {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sheet, "sheet");
            rows = List.copyOf(rows);
        }
    }

    /** What a row of a decision table is. */
    public enum RowKind {
        /** A header keyword ({@code RuleSet}, {@code Import}, {@code Sequential}, {@code Notes}, ...). */
        KEYWORD,
        /** The {@code RuleTable NAME} row. */
        TABLE_NAME,
        /** The rows that wire the table to the rules: column types, object types, code. */
        WIRING,
        /** The row of column titles the analyst reads. */
        TITLE,
        /** A rule: one row of thresholds. */
        DATA,
        /** A row Drools ignores (after the blank row that ends a table). */
        IGNORED
    }

    /**
     * One row of a drawn table.
     *
     * @param number the 1-based row number in the sheet (a CSV file's line)
     * @param kind what the row is
     * @param rule the rule's name as traces show it ({@code eligibility-policy.drl.csv row 11}) for a data row,
     *     else null
     * @param cells the row's non-blank cells, by column
     * @param status what is known of the row on this page (fire count, fired or not in an explanation), or null
     */
    public record RowView(int number, RowKind kind, String rule, List<CellView> cells, RowStatus status) {
        public RowView {
            Objects.requireNonNull(kind, "kind");
            cells = List.copyOf(cells);
        }
    }

    /**
     * One cell.
     *
     * @param column the 0-based column
     * @param text the text as Drools reads it, stripped
     * @param findings the lint and compile findings located at this cell
     */
    public record CellView(int column, String text, List<FindingView> findings) {
        public CellView {
            Objects.requireNonNull(text, "text");
            findings = List.copyOf(findings);
        }
    }

    /** What a page knows of one data row. */
    public sealed interface RowStatus permits FireCount, Fired, NotFired {
    }

    /**
     * How many scenarios fired a row (the rule-set page).
     *
     * @param scenarios how many scenario rows fired it; 0 is "never fired"
     * @param examples up to 10 of their names, in run order
     */
    public record FireCount(int scenarios, List<String> examples) implements RowStatus {
        public FireCount {
            examples = List.copyOf(examples);
        }
    }

    /**
     * A row that fired for the explained request.
     *
     * @param order its place among the fired rules, 1 for the first
     */
    public record Fired(int order) implements RowStatus {
    }

    /**
     * A row that did not fire for the explained request.
     *
     * @param why the first condition that failed and the value it saw
     */
    public record NotFired(String why) implements RowStatus {
    }

    /**
     * A finding of {@code validate}.
     *
     * @param where its place for people ({@code eligibility/eligibility-policy.drl.csv:12:1})
     * @param severity {@code ERROR}, {@code WARNING} or {@code INFO}
     * @param code its stable code ({@code UNREACHABLE}, {@code COMPILE}, ...)
     * @param message what is wrong
     */
    public record FindingView(String where, String severity, String code, String message) {
        public FindingView {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    // ---- the rule-set page ---------------------------------------------------------------------------------------

    /**
     * The rule set: its tables, findings, scenarios and coverage.
     *
     * @param rulesDir the rule set's directory as the analyst named it
     * @param version the rule-set version, or null when it does not compile
     * @param tables every decision table, in file order
     * @param findings every finding of {@code validate}, in file order (also those drawn on a cell)
     * @param scenarioTables every scenario table, in file order; empty when the rules did not compile
     * @param notRun why no scenario ran (the rules do not compile), or null
     * @param rules how many rules and table rows the rule set has
     * @param neverFired the rules and table rows no scenario fired, in file order
     */
    public record RulesPage(String rulesDir, String version, List<TableView> tables, List<FindingView> findings,
            List<ScenarioTableView> scenarioTables, String notRun, int rules, List<RuleRef> neverFired) {
        public RulesPage {
            Objects.requireNonNull(rulesDir, "rulesDir");
            tables = List.copyOf(tables);
            findings = List.copyOf(findings);
            scenarioTables = List.copyOf(scenarioTables);
            neverFired = List.copyOf(neverFired);
        }

        /** How many scenarios ran. */
        public int scenarios() {
            return scenarioTables.stream().mapToInt(t -> t.scenarios().size()).sum();
        }

        /** How many scenarios failed. */
        public long failed() {
            return scenarioTables.stream().flatMap(t -> t.scenarios().stream()).filter(s -> !s.passed()).count();
        }
    }

    /**
     * A rule or table row, by name and place.
     *
     * @param name its name as traces show it
     * @param where its file and line
     */
    public record RuleRef(String name, String where) {
    }

    /**
     * One scenario table and its results.
     *
     * @param file the table, relative to the rule set
     * @param profile the profile it runs under
     * @param scenarios every scenario row that ran, in file order
     * @param error why the table (or part of it) could not run, or null
     */
    public record ScenarioTableView(String file, String profile, List<ScenarioView> scenarios, String error) {
        public ScenarioTableView {
            Objects.requireNonNull(file, "file");
            scenarios = List.copyOf(scenarios);
        }

        /** How many of its scenarios failed. */
        public long failed() {
            return scenarios.stream().filter(s -> !s.passed()).count();
        }
    }

    /**
     * One scenario row's result.
     *
     * @param line its line in the table
     * @param name what the scenario shows
     * @param mismatches each expectation that did not hold; empty when it passed
     * @param firedRules the rules and table rows that fired, in order
     */
    public record ScenarioView(int line, String name, List<Mismatch> mismatches, List<String> firedRules) {
        public ScenarioView {
            Objects.requireNonNull(name, "name");
            mismatches = List.copyOf(mismatches);
            firedRules = List.copyOf(firedRules);
        }

        /** Whether every expectation held. */
        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /**
     * One expectation that did not hold.
     *
     * @param what what was compared ({@code outcome}, {@code reasons}, {@code credit to freeze})
     * @param expected what the scenario expected
     * @param actual what the rules decided
     */
    public record Mismatch(String what, String expected, String actual) {
    }

    // ---- the explain page ----------------------------------------------------------------------------------------

    /**
     * One request explained.
     *
     * @param rulesDir the rule set's directory
     * @param requestName the request file as the analyst named it
     * @param kind the decision kind
     * @param profile the profile it was decided under
     * @param request the request's fields, in order (the JSON shape of rules/README.md, flattened)
     * @param outcome the outcome
     * @param reasons every reason, with its message and the rule behind it
     * @param details the decision's other results ({@code credit_to_freeze}, {@code notice}, ...)
     * @param firedRules the rules and table rows that fired, in order
     * @param tables the decision kind's tables, fired rows marked {@link Fired}, the others {@link NotFired}
     * @param notFiredRules the DRL rules of the decision kind that did not fire
     */
    public record ExplainPage(String rulesDir, String requestName, String kind, String profile, List<Field> request,
            String outcome, List<ReasonView> reasons, List<Field> details, List<String> firedRules,
            List<TableView> tables, List<String> notFiredRules) {
        public ExplainPage {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
            request = List.copyOf(request);
            reasons = List.copyOf(reasons);
            details = List.copyOf(details);
            firedRules = List.copyOf(firedRules);
            tables = List.copyOf(tables);
            notFiredRules = List.copyOf(notFiredRules);
        }
    }

    /**
     * A named value.
     *
     * @param name the name
     * @param value the value as text
     */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A reason of a decision.
     *
     * @param code its stable code
     * @param message its message for people
     * @param rule the rule or table row behind it
     */
    public record ReasonView(String code, String message, String rule) {
    }

    // ---- the diff page -------------------------------------------------------------------------------------------

    /**
     * Two rule sets over the same recorded requests.
     *
     * @param oldRules the rule set before
     * @param newRules the rule set after
     * @param requestsName the request file
     * @param requests how many requests were decided by both
     * @param changed how many decisions changed (outcome, reason codes or details)
     * @param groups one group per decision kind and profile, in kind then profile order
     * @param reasons reason codes that appeared or disappeared in changed decisions, most moved first
     * @param sample the first changed requests, in file order
     * @param unreadable the requests that could not be decided (with why), at most 20
     * @param unreadableCount how many could not be decided
     */
    public record DiffPage(String oldRules, String newRules, String requestsName, long requests, long changed,
            List<ProfileDiff> groups, List<ReasonMove> reasons, List<ChangedRequest> sample,
            List<String> unreadable, long unreadableCount) {
        public DiffPage {
            Objects.requireNonNull(oldRules, "oldRules");
            Objects.requireNonNull(newRules, "newRules");
            groups = List.copyOf(groups);
            reasons = List.copyOf(reasons);
            sample = List.copyOf(sample);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * The outcomes of one decision kind under one profile, before and after.
     *
     * @param kind the decision kind
     * @param profile the profile
     * @param outcomes the outcomes that occur on either side, in the matrix's order
     * @param moves how many requests went from each outcome before to each outcome after (cells with none are left
     *     out)
     * @param approvedOutcome the outcome that counts as approved ({@code ELIGIBLE}, {@code AUTO_APPROVED},
     *     {@code CHARGE} for a deduction)
     */
    public record ProfileDiff(String kind, String profile, List<String> outcomes, List<Move> moves,
            String approvedOutcome) {
        public ProfileDiff {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(profile, "profile");
            outcomes = List.copyOf(outcomes);
            moves = List.copyOf(moves);
        }

        /** How many requests of this kind and profile. */
        public long total() {
            return moves.stream().mapToLong(Move::count).sum();
        }

        /** How many went from {@code before} to {@code after}. */
        public long count(String before, String after) {
            return moves.stream().filter(m -> m.before().equals(before) && m.after().equals(after))
                    .mapToLong(Move::count).sum();
        }

        /** How many were approved before. */
        public long approvedBefore() {
            return moves.stream().filter(m -> m.before().equals(approvedOutcome)).mapToLong(Move::count).sum();
        }

        /** How many are approved after. */
        public long approvedAfter() {
            return moves.stream().filter(m -> m.after().equals(approvedOutcome)).mapToLong(Move::count).sum();
        }
    }

    /**
     * One cell of a before → after matrix.
     *
     * @param before the outcome before
     * @param after the outcome after
     * @param count how many requests
     */
    public record Move(String before, String after, long count) {
    }

    /**
     * How often a reason code appeared or disappeared in changed decisions.
     *
     * @param code the reason code
     * @param appeared in how many changed decisions it is new
     * @param disappeared in how many changed decisions it is gone
     */
    public record ReasonMove(String code, long appeared, long disappeared) {
    }

    /**
     * One changed request with both decisions.
     *
     * @param line its line (record) in the request file
     * @param id its id: the record's {@code id}, or the request's order id
     * @param kind the decision kind
     * @param profile the profile
     * @param request the request as its JSON (rules/README.md, "Requests and decisions as JSON")
     * @param before the decision before
     * @param after the decision after
     */
    public record ChangedRequest(int line, String id, String kind, String profile, String request,
            DecisionView before, DecisionView after) {
    }

    /**
     * A decision, briefly.
     *
     * @param outcome the outcome
     * @param reasons its reason codes, sorted
     * @param details its other results by name, sorted
     */
    public record DecisionView(String outcome, List<String> reasons, List<Field> details) {
        public DecisionView {
            reasons = List.copyOf(reasons);
            details = List.copyOf(details);
        }
    }
}
