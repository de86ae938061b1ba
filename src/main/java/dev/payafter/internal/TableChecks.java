package dev.payafter.internal;

import dev.payafter.RuleProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every build checks in a decision table besides what Drools checks, each reported at its cell: the rows and
 * keywords Drools would skip without a word and sheets it never reads; a blank cell in a column not marked
 * {@value DecisionTableModel#OPTIONAL_MARKER} (a blank switches the column's check off for that row, so it must be
 * meant); a cell whose text the column's code cannot take ("expects a whole number"), before the Java compiler
 * says it in its words; a workbook cell ending in {@code ...}, which merges cells only in CSV; a profile one edit
 * away from one in {@code profiles.csv}, a typo whose row could never match. Any of these refuses the rule set: a
 * table edit cannot switch a check off silently. Also where in a table a problem found in its compiled code
 * ({@link RuleBytecode}) stands.
 */
final class TableChecks {
    private TableChecks() {
    }

    static void check(RuleSource source, RuleFile file, List<RuleProblem> problems) {
        List<TableGrid> grids;
        try {
            grids = TableGrid.read(file);
        } catch (RuntimeException e) {
            return; // the compiler reports a file that does not parse
        }
        DecisionTableModel model = DecisionTableModel.of(file.path(), grids.get(0));
        workbookMergeMarkers(source, model, problems);
        Set<String> profiles = Profiles.read(source, new ArrayList<>()).keySet();
        for (DecisionTableModel.Table table : model.tables()) {
            cells(source, model, table, profiles, problems);
        }
        for (DecisionTableModel.IgnoredRow ignored : model.ignoredRows()) {
            problems.add(problem(source, model, ignored.row(), firstColumn(model.grid(), ignored.row()),
                    "Drools ignores this row: the blank row " + ignored.afterBlankRow() + " ends the table \""
                            + ignored.table() + "\"; delete the blank row (or start the row with a keyword)"));
        }
        for (DecisionTableModel.Keyword keyword : model.keywords()) {
            if (!DecisionTableModel.KNOWN_KEYWORDS.contains(keyword.name().toLowerCase(Locale.ROOT))) {
                problems.add(problem(source, model, keyword.row(), keyword.column(), "\"" + keyword.name()
                        + "\" is not a keyword Drools knows, so it ignores the row (a typo of "
                        + closest(keyword.name()) + "?)"));
            }
        }
        for (TableGrid other : grids.subList(1, grids.size())) {
            for (Map.Entry<Integer, Map<Integer, String>> row : other.rows().entrySet()) {
                for (Map.Entry<Integer, String> cell : row.getValue().entrySet()) {
                    if (cell.getValue().strip().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                        problems.add(new RuleProblem(source.shown(file.path()), row.getKey(), cell.getKey() + 1,
                                DecisionTableModel.cellRef(file.name(), other, row.getKey(), cell.getKey())
                                        + ": Drools reads only the first sheet (\"" + grids.get(0).sheet()
                                        + "\"); this table on sheet \"" + other.sheet() + "\" would be ignored:"
                                        + " move it to its own file"));
                    }
                }
            }
        }
    }

    /** The most problems of one kind reported for one table: past it, one line says how many more. */
    static final int MAX_CELL_PROBLEMS = 50;

    /**
     * Every data cell against its column: blank where the column is not optional, text the column's code cannot
     * take, a profile one edit away from a real one.
     */
    private static void cells(RuleSource source, DecisionTableModel model, DecisionTableModel.Table table,
            Set<String> profiles, List<RuleProblem> problems) {
        int reported = 0;
        int more = 0;
        Map<Integer, TableCells.Expected> expected = new HashMap<>();
        for (DecisionTableModel.Column column : table.columns()) {
            if (column.condition() || column.action()) {
                TableCells.Expected e = TableCells.expected(model, table, column);
                if (e != null) {
                    expected.put(column.column(), e);
                }
            }
        }
        for (DecisionTableModel.DataRow row : table.rows()) {
            for (DecisionTableModel.Column column : table.columns()) {
                if (!column.condition() && !column.action()) {
                    continue;
                }
                String cell = row.cell(column.column());
                String message = null;
                if (cell.isEmpty()) {
                    if (!column.optional()) {
                        message = "\"" + Checks.escaped(column.title()) + "\" is blank in row " + row.row()
                                + ", and a blank cell switches the column's check off for the row: fill it in, or end"
                                + " the column's title with \" " + DecisionTableModel.OPTIONAL_MARKER
                                + "\" if blank is meant";
                    }
                } else if (expected.containsKey(column.column())) {
                    String problem = expected.get(column.column()).problem(cell);
                    if (problem != null) {
                        message = Checks.escaped(column.title()) + ": \"" + Checks.shown(cell) + "\" " + problem;
                    }
                } else if (isProfileColumn(column) && !profiles.isEmpty() && !profiles.contains(cell)) {
                    String near = oneEditFrom(cell, profiles);
                    if (near != null) {
                        message = "profile \"" + Checks.shown(cell) + "\" is not in profiles.csv; did you mean \""
                                + near + "\"? This row can never match, so " + near + " decides without it: correct"
                                + " the profile, or add \"" + Checks.shown(cell) + "\" to profiles.csv if it is a"
                                + " profile of its own";
                    }
                }
                if (message == null) {
                    continue;
                }
                if (reported < MAX_CELL_PROBLEMS) {
                    // a CSV table's problems say their row, as the compiler's do ("row 14: ..."); a workbook's
                    // start with the sheet and cell
                    problems.add(problem(source, model, row.row(), column.column(),
                            (model.grid().workbook() ? "" : "row " + row.row() + ": ") + message));
                    reported++;
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            problems.add(problem(source, model, table.headerRow(), table.startColumn(), "table \""
                    + Checks.escaped(table.name()) + "\": " + more + " more cells refused, not listed"));
        }
    }

    /** Whether a condition column tests the profile ({@code profile}, {@code profile == "$param"}). */
    static boolean isProfileColumn(DecisionTableModel.Column column) {
        return column.condition() && column.code().strip().matches("profile(\\s*==\\s*\"?\\$param\"?)?");
    }

    /** The profile exactly one edit (a letter added, dropped, changed, or two swapped) from {@code value}, or null. */
    static String oneEditFrom(String value, Set<String> profiles) {
        for (String profile : profiles) {
            if (TableCells.distance(value, profile) == 1 || value.equalsIgnoreCase(profile)) {
                return profile;
            }
        }
        return null;
    }

    /**
     * A workbook cell ending in {@code ...}: Drools' CSV parser reads it as "merged with the cells to its right",
     * its spreadsheet parser as the text it is, so the code breaks on every row. Reported once per run of such cells,
     * with the range to merge.
     */
    private static void workbookMergeMarkers(RuleSource source, DecisionTableModel model, List<RuleProblem> problems) {
        if (!model.grid().workbook()) {
            return;
        }
        for (DecisionTableModel.Table table : model.tables()) {
            for (int r = table.headerRow() + 1; r <= table.headerRow() + 4; r++) {
                Map<Integer, String> cells = model.grid().rows().getOrDefault(r, Map.of());
                Integer start = null;
                int end = -1;
                String text = null;
                for (Map.Entry<Integer, String> cell : new TreeMap<>(cells).entrySet()) {
                    String value = cell.getValue().strip();
                    boolean marked = value.endsWith("...");
                    if (start != null && marked && value.equals(text) && cell.getKey() == end + 1) {
                        end = cell.getKey();
                        continue;
                    }
                    if (start != null) {
                        problems.add(mergeMarker(source, model, r, start, end));
                        start = null;
                    }
                    if (marked) {
                        start = cell.getKey();
                        end = start;
                        text = value;
                    }
                }
                if (start != null) {
                    problems.add(mergeMarker(source, model, r, start, end));
                }
            }
        }
    }

    private static RuleProblem mergeMarker(RuleSource source, DecisionTableModel model, int row, int from, int to) {
        String first = TableGrid.columnLetters(from) + row;
        String what = from == to
                ? "\"...\" merges cells only in CSV; delete it, or merge " + first + " with the cells its code"
                        + " shares in the workbook"
                : "\"...\" merges cells only in CSV; merge " + first + ":" + TableGrid.columnLetters(to) + row
                        + " in the workbook (one cell, its text without \"...\")";
        return problem(source, model, row, from, what);
    }

    /** A table's first sheet as the linter reads it, or {@code null} when it does not parse. */
    static DecisionTableModel model(RuleFile file) {
        try {
            return DecisionTableModel.of(file.path(), TableGrid.read(file).get(0));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A problem at the cell of {@code row} that holds {@code token} (the first cell anywhere that holds it when the
     * row does not; the row alone when none does, or when the table's {@link #model} is {@code null}).
     */
    static RuleProblem atCell(RuleSource source, RuleFile file, DecisionTableModel model, int row, String token,
            String message) {
        if (model == null) {
            return new RuleProblem(source.shown(file.path()), Math.max(row, 0), 0, message);
        }
        int[] at = locate(model.grid(), row, token);
        return problem(source, model, at[0], at[1], message);
    }

    /** The cell (row, column) that holds {@code text}: in {@code row} if it has it, else the first anywhere. */
    private static int[] locate(TableGrid grid, int row, String text) {
        Map<Integer, String> cells = grid.rows().get(row);
        if (cells != null) {
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                if (cell.getValue().contains(text)) {
                    return new int[] {row, cell.getKey()};
                }
            }
        }
        for (Map.Entry<Integer, Map<Integer, String>> r : grid.rows().entrySet()) {
            for (Map.Entry<Integer, String> cell : r.getValue().entrySet()) {
                if (cell.getValue().contains(text)) {
                    return new int[] {r.getKey(), cell.getKey()};
                }
            }
        }
        return new int[] {row, -1};
    }

    private static int firstColumn(TableGrid grid, int row) {
        Map<Integer, String> cells = grid.rows().get(row);
        return cells == null ? -1 : cells.keySet().stream().filter(c -> !cells.get(c).isBlank()).findFirst().orElse(-1);
    }

    /**
     * A problem at a table cell: the row as the line, the column (1-based) as the column; a workbook's message
     * starts with the sheet and cell ({@code Sheet1!C7:}) since a line and column do not name a sheet.
     */
    private static RuleProblem problem(RuleSource source, DecisionTableModel model, int row, int column,
            String message) {
        boolean csv = !model.grid().workbook();
        String prefix = csv || column < 0 ? "" : model.grid().sheet() + "!" + TableGrid.columnLetters(column) + row + ": ";
        return new RuleProblem(source.shown(model.file()), Math.max(row, 0), column < 0 ? 0 : column + 1,
                prefix + message);
    }

    private static String closest(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : List.of("RuleSet", "Import", "Sequential", "SequentialMaxPriority",
                "SequentialMinPriority", "EscapeQuotes", "NumericDisabled", "IgnoreNumericFormat", "Variables",
                "Functions", "Queries", "Declare", "Unit", "Dialect", "Notes", "Complete")) {
            int d = distance(lower, known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
