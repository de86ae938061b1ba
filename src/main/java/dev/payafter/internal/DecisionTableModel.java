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
 * A decision table file read the way Drools' {@code DefaultRuleSheetListener} reads it, from the cells Drools' own
 * parsers deliver ({@link TableGrid}): header keywords ({@code RuleSet}, {@code Import}, {@code Sequential}, ...),
 * then one or more {@code RuleTable} blocks of a type row, an object-type row, a code row, a label (title) row and
 * data rows up to the first blank row. Also what Drools would silently ignore: rows after the blank row that ends a
 * table, keywords it does not know, sheets after the first.
 *
 * <p>A column whose title ends with {@value #OPTIONAL_MARKER} may be left blank in a row (Drools ignores the title
 * row, so the marker changes nothing it compiles); in any other condition or action column a blank cell is an error
 * ({@link TableChecks}), because a blank cell switches the column's check off for that row.
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
     * The header keywords Drools knows, and three of this project's (Drools ignores them): {@code Notes} (free
     * text), {@code Complete} (the table must cover every input) and {@code NotOffered} (profiles that have no row
     * in this decision's tables on purpose; see rules/README.md).
     */
    public static final Set<String> KNOWN_KEYWORDS = Set.of("ruleset", "import", "sequential",
            "sequentialmaxpriority", "sequentialminpriority", "escapequotes", "numericdisabled",
            "ignorenumericformat", "variables", "functions", "queries", "declare", "unit", "dialect", "notes",
            "complete", "notoffered");

    /** How a column's title marks the column as one that may be left blank. */
    public static final String OPTIONAL_MARKER = "(optional)";

    /** A header keyword and its value, at its cell. */
    public record Keyword(String name, String value, int row, int column) {
    }

    /**
     * A rule table's column.
     *
     * @param objectType the object-type cell as Drools reads it (a merged run's text in every cell it covers)
     * @param mergedFrom the column the object-type cell's merged run starts at, or -1 when not merged
     * @param label the title without {@value #OPTIONAL_MARKER}
     * @param optional whether the title ends with {@value #OPTIONAL_MARKER}
     */
    public record Column(int column, String type, String objectType, int mergedFrom, String code, String label,
            boolean optional) {
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

    /**
     * The profiles the {@code NotOffered} keyword names (separated by commas or spaces): they have no row in this
     * decision on purpose, so {@code validate} does not report the gap.
     */
    public List<String> notOffered() {
        String value = keyword("NotOffered");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split("[,\\s]+")).filter(v -> !v.isEmpty()).toList();
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
        if (!grid.workbook()) {
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
            String title = grid.text(headerRow + 4, c);
            boolean optional = title.toLowerCase(Locale.ROOT).endsWith(OPTIONAL_MARKER);
            String label = optional ? title.substring(0, title.length() - OPTIONAL_MARKER.length()).strip() : title;
            columns.add(new Column(c, type, grid.text(headerRow + 2, c), grid.mergedFrom(headerRow + 2, c),
                    grid.text(headerRow + 3, c), label, optional));
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
