package dev.payafter.tools;

import dev.payafter.internal.DecisionTableModel;
import dev.payafter.internal.DecisionTableModel.Column;
import dev.payafter.internal.DecisionTableModel.DataRow;
import dev.payafter.internal.DecisionTableModel.Table;
import dev.payafter.internal.TableCells;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lints the rows of a decision table: rows that can never match, rows that never decide anything because a row
 * below overrides everything they set, rows that overlap with different outcomes, and inputs no row covers when
 * the table declares itself {@code Complete}.
 *
 * <p>Each condition column splits its inputs into a few "atoms" (every enum constant, every profile, every boolean;
 * for numbers the boundaries the cells name and the ranges between them; for other text every value named plus
 * "any other"), so a row is a set of atoms per column and the questions are exact set questions.
 *
 * <p>Override semantics: with {@code Sequential,true} rows fire top-down, so a row below overrides what rows above
 * it set. A more specific row below a general one is the intended way to make an exception and is not reported.
 */
final class TableLinter {
    private static final int MAX_COMBINATIONS = 200_000;
    private static final int MAX_LISTED = 10;

    private TableLinter() {
    }

    static List<Finding> lint(DecisionTableModel model, Collection<String> profiles) {
        List<Finding> findings = new ArrayList<>();
        for (Table table : model.tables()) {
            lintTable(model, table, profiles, findings);
        }
        return findings;
    }

    /** The atoms of one condition column and each row's set of them. */
    private record Space(Column column, List<String> atoms, List<BitSet> rows, List<String> outside) {
    }

    private static void lintTable(DecisionTableModel model, Table table, Collection<String> profiles,
            List<Finding> findings) {
        List<Column> conditions = table.conditions();
        List<DataRow> rows = table.rows();
        List<Space> spaces = new ArrayList<>();
        for (Column column : conditions) {
            Space space = space(model, column, rows, profiles);
            if (space == null) {
                findings.add(new Finding(Finding.INFO, "NOT_ANALYSED", model.cellRef(table.headerRow() + 3,
                        column.column()), model.file(), table.headerRow() + 3, column.column() + 1, "table \""
                        + table.name() + "\": column \"" + column.title() + "\" (" + column.code() + ") is not of the"
                        + " form property == / != / < / <= / > / >= value, so overlaps and gaps are not checked"));
                return;
            }
            spaces.add(space);
        }
        boolean[] dead = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (Space space : spaces) {
                if (space.rows().get(r).isEmpty()) {
                    dead[r] = true;
                    DataRow row = rows.get(r);
                    findings.add(new Finding(Finding.WARNING, "UNREACHABLE", model.cellRef(row.row(),
                            space.column().column()), model.file(), row.row(), space.column().column() + 1,
                            "row " + row.row() + " can never match: " + space.column().title() + " \""
                                    + row.cell(space.column().column()) + "\" is not one of "
                                    + String.join(", ", space.atoms())));
                    break;
                }
            }
        }
        boolean sequential = model.sequential();
        for (int i = 0; i < rows.size(); i++) {
            if (dead[i]) {
                continue;
            }
            DataRow upper = rows.get(i);
            for (int j = i + 1; j < rows.size(); j++) {
                if (dead[j]) {
                    continue;
                }
                DataRow lower = rows.get(j);
                if (!overlap(spaces, i, j)) {
                    continue;
                }
                List<String> differing = differingActions(table, upper, lower);
                if (sequential && covers(spaces, j, i) && setsAllOf(table, lower, upper)) {
                    findings.add(new Finding(Finding.WARNING, "UNREACHABLE", model.cellRef(upper.row(),
                            table.startColumn()), model.file(), upper.row(), table.startColumn() + 1, "row "
                            + upper.row() + " never decides anything: row " + lower.row() + " below it matches every"
                            + " input it matches and overrides everything it sets"
                            + (differing.isEmpty() ? " (with the same values: a duplicate)" : "")));
                    break;
                }
                if (differing.isEmpty() || sequential && covers(spaces, i, j)) {
                    continue; // same outcome, or a more specific row below a general one: the intended override
                }
                findings.add(new Finding(Finding.WARNING, "OVERLAP", model.cellRef(lower.row(), table.startColumn()),
                        model.file(), lower.row(), table.startColumn() + 1, "rows " + upper.row() + " and "
                        + lower.row() + " both match " + example(spaces, i, j) + " with different "
                        + String.join(", ", differing) + (sequential ? "; row " + lower.row() + " wins because it"
                        + " is lower, which a reader of row " + upper.row() + " will not expect"
                        : "; the table is not Sequential, so which one wins is not defined")));
            }
        }
        String complete = model.keyword("Complete");
        if (complete != null && (complete.equalsIgnoreCase("true") || complete.equalsIgnoreCase("yes"))) {
            gaps(model, table, spaces, dead, findings);
        }
    }

    private static void gaps(DecisionTableModel model, Table table, List<Space> spaces, boolean[] dead,
            List<Finding> findings) {
        long combinations = 1;
        for (Space space : spaces) {
            combinations *= space.atoms().size();
            if (combinations > MAX_COMBINATIONS) {
                findings.add(new Finding(Finding.INFO, "NOT_ANALYSED", model.cellRef(table.headerRow(),
                        table.startColumn()), model.file(), table.headerRow(), table.startColumn() + 1, "table \""
                        + table.name() + "\" is declared Complete but has too many input combinations to check"));
                return;
            }
        }
        List<String> missing = new ArrayList<>();
        int count = 0;
        int[] at = new int[spaces.size()];
        for (long n = 0; n < combinations; n++) {
            long rest = n;
            for (int c = spaces.size() - 1; c >= 0; c--) {
                at[c] = (int) (rest % spaces.get(c).atoms().size());
                rest /= spaces.get(c).atoms().size();
            }
            boolean covered = false;
            for (int r = 0; r < table.rows().size() && !covered; r++) {
                if (dead[r]) {
                    continue;
                }
                boolean all = true;
                for (int c = 0; c < spaces.size() && all; c++) {
                    all = spaces.get(c).rows().get(r).get(at[c]);
                }
                covered = all;
            }
            if (!covered) {
                count++;
                if (missing.size() < MAX_LISTED) {
                    List<String> parts = new ArrayList<>();
                    for (int c = 0; c < spaces.size(); c++) {
                        if (spaces.get(c).atoms().size() > 1) { // a column no row constrains says nothing here
                            parts.add(spaces.get(c).column().title() + " " + spaces.get(c).atoms().get(at[c]));
                        }
                    }
                    missing.add(String.join(", ", parts));
                }
            }
        }
        if (count > 0) {
            findings.add(new Finding(Finding.WARNING, "GAP", model.cellRef(table.headerRow(), table.startColumn()),
                    model.file(), table.headerRow(), table.startColumn() + 1, "table \"" + table.name()
                    + "\" is declared Complete but no row covers " + count + " input"
                    + (count == 1 ? "" : "s") + ": " + String.join("; ", missing)
                    + (count > missing.size() ? "; ..." : "")));
        }
    }

    private static boolean overlap(List<Space> spaces, int a, int b) {
        for (Space space : spaces) {
            if (!space.rows().get(a).intersects(space.rows().get(b))) {
                return false;
            }
        }
        return true;
    }

    /** Whether row {@code outer} matches every input row {@code inner} matches. */
    private static boolean covers(List<Space> spaces, int outer, int inner) {
        for (Space space : spaces) {
            BitSet copy = (BitSet) space.rows().get(inner).clone();
            copy.andNot(space.rows().get(outer));
            if (!copy.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean setsAllOf(Table table, DataRow lower, DataRow upper) {
        for (Column action : table.actions()) {
            if (!upper.cell(action.column()).isEmpty() && lower.cell(action.column()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> differingActions(Table table, DataRow a, DataRow b) {
        List<String> differing = new ArrayList<>();
        for (Column action : table.actions()) {
            String x = a.cell(action.column());
            String y = b.cell(action.column());
            if (!x.isEmpty() && !y.isEmpty() && !x.equals(y)) {
                differing.add(action.title() + " (" + x + " / " + y + ")");
            }
        }
        return differing;
    }

    private static String example(List<Space> spaces, int a, int b) {
        List<String> parts = new ArrayList<>();
        for (Space space : spaces) {
            BitSet both = (BitSet) space.rows().get(a).clone();
            both.and(space.rows().get(b));
            if (both.cardinality() < space.atoms().size()) {
                parts.add(space.column().title() + " " + space.atoms().get(both.nextSetBit(0)));
            }
        }
        return parts.isEmpty() ? "every input" : String.join(", ", parts);
    }

    // ---- the atoms of a column ----------------------------------------------------------------------------------

    private static Space space(DecisionTableModel model, Column column, List<DataRow> rows,
            Collection<String> profiles) {
        List<TableCondition> conditions = new ArrayList<>();
        String property = null;
        for (DataRow row : rows) {
            String cell = row.cell(column.column());
            if (cell.isEmpty()) {
                conditions.add(null);
                continue;
            }
            TableCondition condition = TableCondition.of(column, cell);
            if (condition == null || property != null && !property.equals(condition.property())) {
                return null;
            }
            property = condition.property();
            conditions.add(condition);
        }
        if (property == null) {
            property = column.code().replaceAll("[^\\w].*", "");
        }
        Class<?> type = propertyType(model, column, property);
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean numeric = conditions.stream().anyMatch(c -> c != null && c.number() != null);
        if (type != null && type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                labels.add(((Enum<?>) constant).name());
                values.add(((Enum<?>) constant).name());
            }
        } else if (type == boolean.class || type == Boolean.class) {
            labels.addAll(List.of("true", "false"));
            values.addAll(List.of("true", "false"));
        } else if (property.equals("profile") && !profiles.isEmpty()) {
            labels.addAll(profiles);
            values.addAll(profiles);
        } else if (numeric) {
            if (conditions.stream().anyMatch(c -> c != null && c.number() == null)) {
                return null;
            }
            boolean integral = type == null || type == int.class || type == Integer.class || type == long.class
                    || type == Long.class || type == short.class || type == Short.class;
            numericAtoms(conditions, integral, labels, values);
        } else {
            Set<String> named = new TreeSet<>();
            conditions.stream().filter(c -> c != null).forEach(c -> named.add(c.value()));
            for (String value : named) {
                labels.add("\"" + value + "\"");
                values.add(value);
            }
            labels.add("(any other value)");
            values.add(new Object()); // equal to no named value
        }
        List<BitSet> sets = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (TableCondition condition : conditions) {
            BitSet set = new BitSet(values.size());
            for (int a = 0; a < values.size(); a++) {
                if (condition == null || condition.test(values.get(a))) {
                    set.set(a);
                }
            }
            sets.add(set);
        }
        return new Space(column, labels, sets, outside);
    }

    private static void numericAtoms(List<TableCondition> conditions, boolean integral, List<String> labels,
            List<Object> values) {
        TreeSet<BigDecimal> points = new TreeSet<>();
        conditions.stream().filter(c -> c != null).forEach(c -> points.add(c.number().stripTrailingZeros()));
        BigDecimal previous = null;
        for (BigDecimal point : points) {
            if (previous == null) {
                labels.add("< " + point.toPlainString());
                values.add(point.subtract(BigDecimal.ONE));
            } else {
                BigDecimal between = integral ? previous.add(BigDecimal.ONE)
                        : previous.add(point).divide(BigDecimal.valueOf(2));
                if (between.compareTo(point) < 0) {
                    labels.add("between " + previous.toPlainString() + " and " + point.toPlainString());
                    values.add(between);
                }
            }
            labels.add("= " + point.toPlainString());
            values.add(point);
            previous = point;
        }
        if (previous != null) {
            labels.add("> " + previous.toPlainString());
            values.add(previous.add(BigDecimal.ONE));
        }
    }

    /** The Java type of the property a column tests, from its object type and the table's imports; null if unknown. */
    static Class<?> propertyType(DecisionTableModel model, Column column, String property) {
        Class<?> fact = factClass(model, column);
        return fact == null ? null : TableCells.propertyType(fact, property);
    }

    /** The class a column's object type names ({@code $policy : DeductionPolicy}), resolved with the imports. */
    static Class<?> factClass(DecisionTableModel model, Column column) {
        return TableCells.factClass(model, column.objectType());
    }
}
