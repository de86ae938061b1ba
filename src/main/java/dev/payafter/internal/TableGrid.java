package dev.payafter.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.decisiontable.parser.csv.CsvParser;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;

/**
 * The cells of a decision table exactly as Drools reads them: its own CSV and spreadsheet parsers
 * ({@link CsvParser}, {@link ExcelParser}) feed this grid through a {@link DataListener}, as they feed the
 * compiler's {@code DefaultRuleSheetListener}, so that what the tools analyse is what the compiler compiles. There
 * is no second reading: a CSV cell's {@code ...} merge marker is taken off by Drools' CSV parser (and the cell
 * marked merged), a workbook's {@code ...} stays literal text as Drools leaves it, a workbook's merged region gives
 * every cell it covers the region's text.
 *
 * @param sheet the sheet's name ({@code csv} for a CSV file)
 * @param compiled whether Drools compiles this sheet (only the first sheet of a workbook is compiled)
 * @param rows the rows by 1-based row number; cells by 0-based column, text as Drools sees it (untrimmed)
 * @param merged for each cell Drools reads as part of a merged run, the 0-based column the run starts at
 * @param workbook whether the sheet is a workbook's (else the CSV file's)
 */
public record TableGrid(String sheet, boolean compiled, TreeMap<Integer, Map<Integer, String>> rows,
        TreeMap<Integer, Map<Integer, Integer>> merged, boolean workbook) {

    /** The text of a cell, stripped; empty when absent. */
    public String text(int row, int column) {
        Map<Integer, String> cells = rows.get(row);
        String value = cells == null ? null : cells.get(column);
        return value == null ? "" : value.strip();
    }

    /** The column the merged run covering a cell starts at, or -1 when Drools reads the cell as not merged. */
    public int mergedFrom(int row, int column) {
        Map<Integer, Integer> cells = merged.get(row);
        Integer from = cells == null ? null : cells.get(column);
        return from == null ? -1 : from;
    }

    /** Whether every cell of the row from {@code fromColumn} on is blank (an absent row is blank). */
    public boolean blank(int row, int fromColumn) {
        Map<Integer, String> cells = rows.get(row);
        if (cells == null) {
            return true;
        }
        return cells.entrySet().stream().noneMatch(e -> e.getKey() >= fromColumn && !e.getValue().isBlank());
    }

    /** The last row number. */
    public int lastRow() {
        return rows.isEmpty() ? 0 : rows.lastKey();
    }

    /** Every sheet of a table file: the single CSV sheet, or every sheet of a workbook in order. */
    public static List<TableGrid> read(RuleFile file) {
        if (file.type() == RuleFile.Type.TABLE_CSV) {
            Listener listener = new Listener();
            new CsvParser(listener, new CsvLineParser()).parseFile(new ByteArrayInputStream(file.bytes()));
            return List.of(new TableGrid("csv", true, listener.rows, listener.merged, false));
        }
        List<String> names = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.bytes()))) {
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable spreadsheet: " + e.getMessage(), e);
        }
        Map<String, List<DataListener>> listeners = new HashMap<>();
        Map<String, Listener> bySheet = new LinkedHashMap<>();
        for (String name : names) {
            Listener listener = new Listener();
            bySheet.put(name, listener);
            listeners.put(name, List.of(listener));
        }
        new ExcelParser(listeners).parseFile(new ByteArrayInputStream(file.bytes()));
        List<TableGrid> grids = new ArrayList<>();
        for (Map.Entry<String, Listener> e : bySheet.entrySet()) {
            grids.add(new TableGrid(e.getKey(), grids.isEmpty(), e.getValue().rows, e.getValue().merged, true));
        }
        return grids;
    }

    /** A spreadsheet column's letters: 0 is A, 26 is AA. */
    public static String columnLetters(int column) {
        StringBuilder out = new StringBuilder();
        for (int c = column; c >= 0; c = c / 26 - 1) {
            out.insert(0, (char) ('A' + c % 26));
        }
        return out.toString();
    }

    private static final class Listener implements DataListener {
        final TreeMap<Integer, Map<Integer, String>> rows = new TreeMap<>();
        final TreeMap<Integer, Map<Integer, Integer>> merged = new TreeMap<>();

        @Override
        public void startSheet(String name) {
        }

        @Override
        public void finishSheet() {
        }

        @Override
        public void newRow(int row, int columns) {
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (mergedColStart != DataListener.NON_MERGED) {
                merged.computeIfAbsent(row + 1, r -> new TreeMap<>()).put(column, mergedColStart);
            }
            if (value == null || value.isEmpty()) {
                return;
            }
            rows.computeIfAbsent(row + 1, r -> new TreeMap<>()).put(column, value);
        }
    }
}
