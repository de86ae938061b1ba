package dev.payafter.scenarios;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
import dev.payafter.PayAfterException;
import dev.payafter.internal.Checks;
import dev.payafter.internal.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs the analysts' scenario tables: {@code rules/<decision>/<profile>.scenarios.csv}. Each row gives the
 * facts of one request and the decision expected for it; the format is in {@code rules/README.md}.
 *
 * <pre>{@code
 * PayAfterEngine engine = PayAfterEngine.builder().rules(dir).profile("kuaishou").build();
 * for (Path table : ScenarioTables.find(dir)) {
 *     ScenarioTables.run(engine, table).forEach(r -> log.info(r.describe()));
 * }
 * }</pre>
 */
public final class ScenarioTables {
    /** The suffix that marks a scenario table in CSV. */
    public static final String SUFFIX = ".scenarios.csv";
    /** The suffix that marks a scenario table in a workbook (its first sheet), as Excel or LibreOffice save it. */
    public static final String SUFFIX_XLSX = ".scenarios.xlsx";

    private ScenarioTables() {
    }

    /** Every scenario table below {@code rulesDirectory}, in path order. */
    public static List<Path> find(Path rulesDirectory) {
        try (Stream<Path> walk = Files.walk(rulesDirectory)) {
            return walk.filter(p -> isScenarioTable(p) && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenario tables in " + rulesDirectory, e);
        }
    }

    /** Whether a file's name marks it as a scenario table. */
    public static boolean isScenarioTable(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) || name.endsWith(SUFFIX_XLSX);
    }

    /** The profile a table is for: its file name before {@code .scenarios.csv} (or {@code .scenarios.xlsx}). */
    public static String profileOf(Path table) {
        String name = table.getFileName().toString();
        return name.substring(0, name.length() - (name.endsWith(SUFFIX_XLSX) ? SUFFIX_XLSX : SUFFIX).length());
    }

    /**
     * Runs every row of one table with {@code engine} switched to the table's profile. A row with a bad cell is not
     * run and is reported with every bad cell it has ({@link ScenarioResult#badCells()}); the other rows run.
     *
     * @throws ScenarioTableException if the table as a whole cannot be read (its file name names no profile of the
     *     rule set, a column is unknown, missing or repeated), naming the file and every header problem
     */
    public static List<ScenarioResult> run(PayAfterEngine engine, Path table) {
        String folder = table.toAbsolutePath().getParent().getFileName().toString();
        ScenarioKind kind = ScenarioKind.ofFolder(folder).orElseThrow(() -> new ScenarioTableException(
                table + ": a scenario table belongs in eligibility/, refund/ or deduction/"));
        PayAfterEngine profiled = profiled(engine, table);
        ScenarioSheet sheet = ScenarioSheet.read(table);
        List<Csv.Row> rows = sheet.rows();
        if (rows.isEmpty()) {
            throw new ScenarioTableException(table + ": empty; the first row names the columns");
        }
        List<String> header = header(table, kind, folder, sheet, rows.get(0));
        List<ScenarioResult> results = new ArrayList<>();
        for (Csv.Row csvRow : rows.subList(1, rows.size())) {
            if (csvRow.cells().get(0).strip().startsWith("#")) {
                continue; // a comment row
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), i < csvRow.cells().size() ? csvRow.cells().get(i) : "");
            }
            Row row = new Row(table, csvRow.line(), cells, sheet.sheet(), header).collecting();
            if (csvRow.cells().size() > header.size()) {
                row.record(new ScenarioTableException(sheet.where(table, csvRow.line(), header.size()) + ": "
                        + csvRow.cells().size() + " cells but the header has " + header.size()));
            }
            results.add(runRow(profiled, kind, row, table));
        }
        return results;
    }

    /** The engine under the profile the table's file name names; refused with the file named when it names none. */
    private static PayAfterEngine profiled(PayAfterEngine engine, Path table) {
        String profile = profileOf(table);
        try {
            return engine.withProfile(profile);
        } catch (PayAfterException e) {
            List<String> known = engine.ruleSet().profiles();
            String near = dev.payafter.internal.TableCells.closest(profile, known);
            throw new ScenarioTableException(Checks.escaped(String.valueOf(table)) + ": the file name says profile \""
                    + Checks.shown(profile) + "\", which profiles.csv does not list" + (near == null ? ""
                    : " (did you mean " + near + ".scenarios" + (table.getFileName().toString().endsWith(SUFFIX_XLSX)
                    ? ".xlsx" : ".csv") + "?)") + "; a scenario table is named PROFILE.scenarios.csv, one of "
                    + known, e);
        }
    }

    /** The header's column names, every problem with them refused at once. */
    private static List<String> header(Path table, ScenarioKind kind, String folder, ScenarioSheet sheet,
            Csv.Row first) {
        List<String> header = first.cells().stream().map(String::strip).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String where = sheet.where(table, first.line(), i);
            if (column.isEmpty()) {
                problems.add(where + ": the header cell is blank; every column needs a name (see rules/README.md)");
            } else if (!kind.knows(column)) {
                problems.add(where + ": unknown column \"" + Checks.shown(column) + "\" for " + folder
                        + " scenarios (see rules/README.md)");
            } else if (header.indexOf(column) != i) {
                problems.add(where + ": column \"" + column + "\" appears twice");
            }
        }
        for (String column : new TreeSet<>(ScenarioKind.COMMON)) {
            if (!header.contains(column)) {
                problems.add(sheet.where(table, first.line(), 0) + ": missing column \"" + column + "\"");
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioTableException(String.join("\n", problems));
        }
        return header;
    }

    private static ScenarioResult runRow(PayAfterEngine engine, ScenarioKind kind, Row row, Path table) {
        String name = row.text("name").isEmpty() ? "(line " + row.line() + ")" : row.text("name");
        row.required("name");
        Expectations expect = new Expectations();
        List<String> fired = List.of();
        List<String> reasons = List.of();
        try {
            Object request = kind.request(row);
            if (row.problems().isEmpty()) {
                ScenarioKind.Decided decided = kind.decide(engine, row, request);
                ScenarioKind.expectOutcome(row, expect, decided.outcome(), decided.reasons());
                kind.check(row, decided, expect);
                fired = decided.firedRules();
                reasons = decided.reasons().stream().map(r -> r.code() + ": " + r.message()).toList();
            }
        } catch (ScenarioTableException e) {
            row.record(e);
        } catch (InvalidRequestException e) {
            if (row.problems().isEmpty()) {
                if (ScenarioKind.INVALID_REQUEST.equals(row.required("expected_outcome"))) {
                    expect.sameSet("invalid field", row.set("expected_reasons"), List.of(e.field()));
                } else {
                    expect.same("outcome", row.required("expected_outcome"), "the request refused as invalid: "
                            + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            if (row.problems().isEmpty()) {
                throw e;
            } // else: a default a bad cell was read as did not make a request; the bad cells say why
        }
        if (!row.problems().isEmpty()) {
            readExpectations(kind, row);
            // the bad cells are the row's mismatches too, so that a caller checking mismatches() sees it fail
            return new ScenarioResult(table, row.line(), name, engine.profile(), row.problems(), List.of(),
                    row.problems(), List.of());
        }
        return new ScenarioResult(table, row.line(), name, engine.profile(), expect.mismatches(), fired, List.of(),
                reasons);
    }

    /** Reads a row's expected_* cells, so that a row not run reports their bad cells too. */
    private static void readExpectations(ScenarioKind kind, Row row) {
        row.required("expected_outcome");
        Map<String, String> none = new java.util.HashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public String get(Object key) {
                return "";
            }
        };
        try {
            kind.check(row, new ScenarioKind.Decided("", List.of(), none, List.of(), null), new Expectations());
        } catch (ScenarioTableException e) {
            row.record(e);
        } catch (RuntimeException e) {
            // a check that needs a real decision: what it reads was read already
        }
    }

    /**
     * A reason code a scenario row expects, at its cell.
     *
     * @param where {@code :line:column} (CSV) or {@code !Sheet!C7} (workbook), to follow the file's name
     * @param column the 1-based column
     */
    public record ExpectedReason(String where, int line, int column, String code) {
    }

    /**
     * Every reason code the rows of a table expect ({@code expected_reasons}), rows expecting an invalid request
     * (whose reasons name fields) and comment rows left out.
     *
     * @throws ScenarioTableException if the table cannot be read
     */
    public static List<ExpectedReason> expectedReasons(Path table) {
        ScenarioSheet sheet = ScenarioSheet.read(table);
        List<Csv.Row> rows = sheet.rows();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
        int reasons = header.indexOf("expected_reasons");
        int outcome = header.indexOf("expected_outcome");
        List<ExpectedReason> expected = new ArrayList<>();
        if (reasons < 0) {
            return expected;
        }
        for (Csv.Row row : rows.subList(1, rows.size())) {
            List<String> cells = row.cells();
            if (cells.get(0).strip().startsWith("#") || cells.size() <= reasons || outcome >= 0
                    && outcome < cells.size() && cells.get(outcome).strip().equals(ScenarioKind.INVALID_REQUEST)) {
                continue;
            }
            String where = sheet.sheet() == null ? ":" + row.line() + ":" + (reasons + 1)
                    : "!" + sheet.sheet() + "!" + dev.payafter.internal.TableGrid.columnLetters(reasons) + row.line();
            for (String code : cells.get(reasons).split("\\|")) {
                if (!code.isBlank()) {
                    expected.add(new ExpectedReason(where, row.line(), reasons + 1, code.strip()));
                }
            }
        }
        return expected;
    }
}
