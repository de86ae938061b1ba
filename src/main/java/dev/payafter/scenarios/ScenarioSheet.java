package dev.payafter.scenarios;

import dev.payafter.internal.Csv;
import dev.payafter.internal.TableGrid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The rows of a scenario table, from a CSV file or from the first sheet of a workbook (.xlsx as Excel or
 * LibreOffice write it). A cell reads as the spreadsheet shows it (a number typed as a number or as text reads the
 * same), blank rows are skipped, and a merged title row above the header is skipped; a merged cell in the header
 * or in a scenario row is refused with its cell.
 *
 * @param sheet the sheet's name, or null for a CSV file
 * @param rows the non-blank rows with their 1-based row (line) numbers
 */
record ScenarioSheet(String sheet, List<Csv.Row> rows) {

    static ScenarioSheet read(Path table) {
        String name = table.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xlsx")) {
                try (InputStream in = Files.newInputStream(table)) {
                    return readWorkbook(table, in);
                }
            }
            return new ScenarioSheet(null, Csv.parseNumbered(Files.readString(table, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        } catch (IllegalArgumentException e) {
            throw new ScenarioTableException(table + ": " + e.getMessage());
        }
    }

    private static ScenarioSheet readWorkbook(Path table, InputStream in) throws IOException {
        try (Workbook workbook = WorkbookFactory.create(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            List<Csv.Row> rows = new ArrayList<>();
            boolean headerSeen = false;
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell, evaluator));
                }
                while (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                    cells.remove(cells.size() - 1);
                }
                if (cells.isEmpty()) {
                    continue; // a blank row: skipped, like a blank line in a CSV file
                }
                CellRangeAddress merged = mergedIn(sheet, r);
                if (merged != null) {
                    boolean title = !headerSeen && cells.stream().filter(s -> !s.isBlank()).count() == 1;
                    if (title) {
                        continue; // a title merged across the columns above the header: not part of the table
                    }
                    throw new ScenarioTableException(table + "!" + sheet.getSheetName() + "!"
                            + merged.formatAsString() + ": merged cells in " + (headerSeen ? "a scenario row" : "the header")
                            + "; un-merge them: every column needs its own cell");
                }
                headerSeen = true;
                rows.add(new Csv.Row(r + 1, List.copyOf(cells)));
            }
            return new ScenarioSheet(sheet.getSheetName(), rows);
        }
    }

    private static CellRangeAddress mergedIn(Sheet sheet, int row) {
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            if (region.getFirstRow() <= row && row <= region.getLastRow() && region.getFirstColumn() != region.getLastColumn()) {
                return region;
            }
        }
        return null;
    }

    /** A cell's reference for messages: {@code file:line} (CSV) or {@code file!Sheet!A7} (workbook). */
    String where(Path table, int line, int column) {
        return sheet == null ? table + ":" + line : table + "!" + sheet + "!" + TableGrid.columnLetters(column) + line;
    }
}
