package dev.payafter.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drools.decisiontable.parser.ActionType;

/**
 * A decision table file read the way Drools' {@code DefaultRuleSheetListener} reads it: header keywords
 * ({@code RuleSet}, {@code Import}, {@code Sequential}, ...), then one or more {@code RuleTable} blocks of a type
 * row, an object-type row, a code row, a label row and data rows up to the first blank row. Also what Drools
 * would silently ignore: rows after the blank row that ends a table, keywords it does not know, sheets after the
 * first.
 *
 * @param file the file's path in the rule set
 * @param grid the sheet Drools compiles
 * @param keywords the header keywords, in order
 * @param tables the rule tables, in order
 * @param ignoredRows rows Drools ignores: data after the blank row that ended a table
 */
public record DecisionTableModel(String file, TableGrid grid, List<Keyword> keywords, List<Table> tables,
        List<IgnoredRow> ignoredRows) {

    /**
     * The header keywords Drools knows, and two of this project's: {@code Notes} (free text) and {@code Complete}
     * (the table must cover every input; see rules/README.md).
     */
    public static final Set<String> KNOWN_KEYWORDS = Set.of("ruleset", "import", "sequential",
            "sequentialmaxpriority", "sequentialminpriority", "escapequotes", "numericdisabled",
            "ignorenumericformat", "variables", "functions", "queries", "declare", "unit", "dialect", "notes",
            "complete");

    /** A header keyword and its value, at its cell. */
    public record Keyword(String name, String value, int row, int column) {
    }

    /** A rule table's column. */
    public record Column(int column, String type, String objectType, String code, String label) {
        public boolean condition() {
            return "CONDITION".equals(type);
        }

        public boolean action() {
            return "ACTION".equals(type);
        }

        /** What people call the column: its label, or its code when unlabelled. */
        public String title() {
            return label.isEmpty() ? code : label;
        }
    }

    /** One data row: its 1-based row number and its stripped cells by column. */
    public record DataRow(int row, Map<Integer, String> cells) {
        public String cell(int column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** A rule table. {@code headerRow} holds the {@code RuleTable} cell. */
    public record Table(String name, int headerRow, int startColumn, List<Column> columns, List<DataRow> rows) {
        public List<Column> conditions() {
            return columns.stream().filter(Column::condition).toList();
        }

        public List<Column> actions() {
            return columns.stream().filter(Column::action).toList();
        }
    }

    /** A row Drools skips without a word. */
    public record IgnoredRow(int row, int afterBlankRow, String table) {
    }

    /** The value of a header keyword (case-insensitive), or null. */
    public String keyword(String name) {
        for (Keyword k : keywords) {
            if (k.name().equalsIgnoreCase(name)) {
                return k.value();
            }
        }
        return null;
    }

    /** Whether {@code Sequential} is true: rows fire top-down, so a row below overrides the rows above it. */
    public boolean sequential() {
        return "true".equalsIgnoreCase(keyword("Sequential"));
    }

    /** A cell's reference for people: {@code file:row:column} for CSV, {@code file!Sheet!C7} for a workbook. */
    public String cellRef(int row, int column) {
        return cellRef(file, grid, row, column);
    }

    public static String cellRef(String file, TableGrid grid, int row, int column) {
        if ("csv".equals(grid.sheet()) && file.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return file + ":" + row + ":" + (column + 1);
        }
        return file + "!" + grid.sheet() + "!" + TableGrid.columnLetters(column) + row;
    }

    /** Reads the compiled sheet of a table file. */
    public static DecisionTableModel read(RuleFile file) {
        List<TableGrid> grids = TableGrid.read(file);
        return of(file.path(), grids.get(0));
    }

    /** Reads one sheet. */
    public static DecisionTableModel of(String file, TableGrid grid) {
        List<Keyword> keywords = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<IgnoredRow> ignored = new ArrayList<>();
        int last = grid.lastRow();
        int row = 1;
        Table previous = null;
        int previousBlank = 0;
        while (row <= last) {
            Map<Integer, String> cells = grid.rows().get(row);
            int first = firstNonBlank(cells);
            if (first < 0) {
                row++;
                continue;
            }
            String text = grid.text(row, first);
            if (text.toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                Table table = readTable(grid, row, first, text.substring("ruletable".length()).strip());
                tables.add(table);
                int end = table.rows().isEmpty() ? row + 5 : table.rows().get(table.rows().size() - 1).row() + 1;
                previous = table;
                previousBlank = end;
                row = end;
                continue;
            }
            if (previous != null && !KNOWN_KEYWORDS.contains(text.toLowerCase(Locale.ROOT))) {
                ignored.add(new IgnoredRow(row, previousBlank, previous.name()));
            } else {
                keywords.add(new Keyword(text, grid.text(row, first + 1), row, first));
            }
            row++;
        }
        return new DecisionTableModel(file, grid, keywords, tables, ignored);
    }

    private static Table readTable(TableGrid grid, int headerRow, int startColumn, String name) {
        Map<Integer, String> types = grid.rows().getOrDefault(headerRow + 1, Map.of());
        Map<String, ActionType.Code> tags = ActionType.getTag2code();
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<Integer, String> e : new TreeMap<>(types).entrySet()) {
            if (e.getKey() < startColumn || e.getValue().isBlank()) {
                continue;
            }
            String tag = e.getValue().strip();
            ActionType.Code code = tags.get(tag.toUpperCase(Locale.ROOT));
            if (code == null) {
                code = tags.get(tag);
            }
            String type = code == null ? tag.toUpperCase(Locale.ROOT) : code.name();
            int c = e.getKey();
            columns.add(new Column(c, type, objectType(grid, headerRow + 2, c),
                    grid.text(headerRow + 3, c), grid.text(headerRow + 4, c)));
        }
        List<DataRow> rows = new ArrayList<>();
        for (int r = headerRow + 5; r <= grid.lastRow() && !grid.blank(r, startColumn); r++) {
            Map<Integer, String> cells = new LinkedHashMap<>();
            for (Column column : columns) {
                String value = grid.text(r, column.column());
                if (!value.isEmpty()) {
                    cells.put(column.column(), value);
                }
            }
            rows.add(new DataRow(r, cells));
        }
        return new Table(name, headerRow, startColumn, List.copyOf(columns), List.copyOf(rows));
    }

    /** The object type of a column; a blank cell takes the nearest one to its left (a merged run), as Drools does. */
    private static String objectType(TableGrid grid, int row, int column) {
        for (int c = column; c >= 0; c--) {
            String text = grid.text(row, c);
            if (!text.isEmpty()) {
                return text.replace("...", "").strip();
            }
        }
        return "";
    }

    private static int firstNonBlank(Map<Integer, String> cells) {
        if (cells == null) {
            return -1;
        }
        for (Map.Entry<Integer, String> e : new TreeMap<>(cells).entrySet()) {
            if (!e.getValue().isBlank()) {
                return e.getKey();
            }
        }
        return -1;
    }
}
