package dev.payafter.internal;

import dev.payafter.RuleProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every build checks in a decision table besides what Drools checks: the rows and keywords Drools would skip
 * without a word and sheets it never reads, each reported at its cell; and where in a table a problem found in its
 * compiled code ({@link RuleBytecode}) stands.
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
        boolean csv = "csv".equals(model.grid().sheet());
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
