package dev.payafter.tools;

import dev.payafter.internal.DecisionTableModel;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One condition cell of a decision table, understood the way Drools turns it into a constraint: the column's code
 * with {@code $param} replaced by the cell ({@code kind == OrderKind.$param}), or, for code without
 * {@code $param}, {@code code == "cell"} ({@code profile} with {@code kuaishou} is {@code profile == "kuaishou"}).
 * The tools understand {@code property op value} with {@code ==, !=, <, <=, >, >=} and a string, number, boolean
 * or enum constant; anything else is "not analysable" ({@link #of} returns null).
 *
 * @param property the fact's property the condition tests
 * @param operator the comparison
 * @param value the value as text: a string's content, a number, {@code true}/{@code false}, an enum constant's name
 * @param number the value as a number, or null when it is not one
 * @param expression the constraint as Drools compiles it, for people
 */
record TableCondition(String property, String operator, String value, BigDecimal number, String expression) {
    private static final Pattern FORM = Pattern.compile(
            "^\\s*([A-Za-z_][\\w]*)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CONSTANT = Pattern.compile("(?:[A-Za-z_][\\w]*\\.)+([A-Za-z_][\\w]*)");

    /** The condition of a non-blank cell in a condition column, or null when the tools cannot analyse it. */
    static TableCondition of(DecisionTableModel.Column column, String cell) {
        String code = column.code();
        String expression;
        if (code.contains("$param")) {
            expression = code.replace("$param", cell);
        } else if (code.matches(".*(==|!=|<=|>=|<|>)\\s*$")) {
            expression = code + " " + cell;
        } else if (code.matches("[A-Za-z_][\\w]*")) {
            expression = code + " == \"" + cell + "\"";
        } else {
            return null;
        }
        Matcher m = FORM.matcher(expression);
        if (!m.matches()) {
            return null;
        }
        String right = m.group(3);
        String value;
        BigDecimal number = null;
        if (right.length() >= 2 && right.startsWith("\"") && right.endsWith("\"")) {
            value = right.substring(1, right.length() - 1);
        } else if (NUMBER.matcher(right).matches()) {
            value = right;
            number = new BigDecimal(right);
        } else if (right.equals("true") || right.equals("false")) {
            value = right;
        } else {
            Matcher constant = CONSTANT.matcher(right);
            if (!constant.matches()) {
                return null;
            }
            value = constant.group(1);
        }
        if (number == null && !m.group(2).equals("==") && !m.group(2).equals("!=")) {
            return null;
        }
        return new TableCondition(m.group(1), m.group(2), value, number, expression.strip());
    }

    /** Whether an actual property value meets the condition (null meets nothing but {@code != value}). */
    boolean test(Object actual) {
        if (actual == null) {
            return operator.equals("!=");
        }
        if (number != null && actual instanceof Number n) {
            int c = new BigDecimal(n.toString()).compareTo(number);
            return switch (operator) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }
        String text = actual instanceof Enum<?> e ? e.name() : actual.toString();
        return operator.equals("==") == text.equals(value);
    }
}
