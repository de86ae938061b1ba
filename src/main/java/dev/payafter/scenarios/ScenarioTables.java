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
    /** The suffix that marks a scenario table. */
    public static final String SUFFIX = ".scenarios.csv";

    private ScenarioTables() {
    }

    /** Every scenario table below {@code rulesDirectory}, in path order. */
    public static List<Path> find(Path rulesDirectory) {
        try (Stream<Path> walk = Files.walk(rulesDirectory)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenario tables in " + rulesDirectory, e);
        }
    }

    /** The profile a table is for: its file name before {@code .scenarios.csv}. */
    public static String profileOf(Path table) {
        String name = table.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
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
        List<Csv.Row> rows;
        try {
            rows = Csv.parseNumbered(Files.readString(table, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        } catch (IllegalArgumentException e) {
            throw new ScenarioTableException(table + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new ScenarioTableException(table + ": empty; the first row names the columns");
        }
        List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
        for (String column : header) {
            if (!kind.knows(column)) {
                throw new ScenarioTableException(table + ":" + rows.get(0).line() + ": unknown column \"" + column
                        + "\" for " + folder + " scenarios (see rules/README.md)");
            }
        }
        for (String column : ScenarioKind.COMMON) {
            if (!header.contains(column)) {
                throw new ScenarioTableException(table + ":" + rows.get(0).line() + ": missing column \"" + column + "\"");
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Csv.Row csvRow : rows.subList(1, rows.size())) {
            if (csvRow.cells().get(0).strip().startsWith("#")) {
                continue; // a comment row
            }
            if (csvRow.cells().size() > header.size()) {
                throw new ScenarioTableException(table + ":" + csvRow.line() + ": " + csvRow.cells().size()
                        + " cells but the header has " + header.size());
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), i < csvRow.cells().size() ? csvRow.cells().get(i) : "");
            }
            Row row = new Row(table, csvRow.line(), cells);
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
