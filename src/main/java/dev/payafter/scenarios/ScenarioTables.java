package dev.payafter.scenarios;

import dev.payafter.InvalidRequestException;
import dev.payafter.PayAfterEngine;
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
     * Runs every row of one table with {@code engine} switched to the table's profile.
     *
     * @throws ScenarioTableException if the table cannot be read (unknown column, bad cell), naming file and line
     */
    public static List<ScenarioResult> run(PayAfterEngine engine, Path table) {
        String folder = table.toAbsolutePath().getParent().getFileName().toString();
        ScenarioKind kind = ScenarioKind.ofFolder(folder).orElseThrow(() -> new ScenarioTableException(
                table + ": a scenario table belongs in eligibility/, refund/ or deduction/"));
        PayAfterEngine profiled = engine.withProfile(profileOf(table));
        ScenarioSheet sheet = ScenarioSheet.read(table);
        List<Csv.Row> rows = sheet.rows();
        if (rows.isEmpty()) {
            throw new ScenarioTableException(table + ": empty; the first row names the columns");
        }
        List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (column.isEmpty()) {
                throw new ScenarioTableException(sheet.where(table, rows.get(0).line(), i) + ": the header cell is"
                        + " blank; every column needs a name (see rules/README.md)");
            }
            if (!kind.knows(column)) {
                throw new ScenarioTableException(sheet.where(table, rows.get(0).line(), i) + ": unknown column \""
                        + column + "\" for " + folder + " scenarios (see rules/README.md)");
            }
            if (header.indexOf(column) != i) {
                throw new ScenarioTableException(sheet.where(table, rows.get(0).line(), i) + ": column \"" + column
                        + "\" appears twice");
            }
        }
        for (String column : ScenarioKind.COMMON) {
            if (!header.contains(column)) {
                throw new ScenarioTableException(sheet.where(table, rows.get(0).line(), 0) + ": missing column \""
                        + column + "\"");
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Csv.Row csvRow : rows.subList(1, rows.size())) {
            if (csvRow.cells().get(0).strip().startsWith("#")) {
                continue; // a comment row
            }
            if (csvRow.cells().size() > header.size()) {
                throw new ScenarioTableException(sheet.where(table, csvRow.line(), header.size()) + ": "
                        + csvRow.cells().size() + " cells but the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), i < csvRow.cells().size() ? csvRow.cells().get(i) : "");
            }
            Row row = new Row(table, csvRow.line(), cells, sheet.sheet(), header);
            results.add(runRow(profiled, kind, row, table));
        }
        return results;
    }

    private static ScenarioResult runRow(PayAfterEngine engine, ScenarioKind kind, Row row, Path table) {
        String name = row.required("name");
        Expectations expect = new Expectations();
        List<String> fired = List.of();
        try {
            fired = kind.run(engine, row, expect);
        } catch (InvalidRequestException e) {
            if (ScenarioKind.INVALID_REQUEST.equals(row.required("expected_outcome"))) {
                expect.sameSet("invalid field", row.set("expected_reasons"), List.of(e.field()));
            } else {
                expect.same("outcome", row.required("expected_outcome"), "the request refused as invalid: "
                        + e.getMessage());
            }
        }
        return new ScenarioResult(table, row.line(), name, engine.profile(), expect.mismatches(), fired);
    }
}
