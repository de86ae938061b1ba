package dev.payafter.internal;

import dev.payafter.internal.DecisionTableModel.Column;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a decision-table column's cells must hold, from the code Drools puts them into: {@code setMinimumScore($param)}
 * on an {@code Integer} setter takes a whole number, {@code ScoreProvider.$param} a constant of that enum,
 * {@code new BigDecimal("$param")} a decimal number, a {@code boolean} setter {@code true} or {@code false}. A cell
 * that does not fit would reach the Java compiler as broken code; checked here it is refused at its cell, with its
 * column's title, in words an analyst reads.
 */
public final class TableCells {
    private static final Pattern SETTER = Pattern.compile("\\b(set\\w+)\\s*\\(\\s*\\$param\\s*\\)");
    private static final Pattern COMPARISON = Pattern.compile("^\\s*([A-Za-z_]\\w*)\\s*(==|!=|<=|>=|<|>)\\s*\\$param\\s*$");
    private static final Pattern CONSTANT = Pattern.compile("\\b([A-Z]\\w*)\\.\\$param\\b");
    private static final Pattern DECIMAL_CODE = Pattern.compile("new\\s+(?:java\\.math\\.)?BigDecimal\\(\\s*\"\\$param\"\\s*\\)");
    private static final Pattern BINDING = Pattern.compile("\\$(\\w+)\\s*:\\s*([\\w.]+)");
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]{1,30}(?:\\.[0-9]{0,30})?|\\.[0-9]{1,30})");

    private TableCells() {
    }

    /**
     * What a column's cells must be.
     *
     * @param what the words after the value in a refusal: {@code expects a whole number}
     * @param values the allowed values (an enum's constants), or empty
     */
    public record Expected(Kind kind, String what, List<String> values) {
        /** Why {@code cell} does not fit, or null when it does. */
        public String problem(String cell) {
            String value = cell.strip();
            boolean fits = switch (kind) {
                case WHOLE -> WHOLE.matcher(value).matches() && new BigInteger(value).bitLength() < 32;
                case LONG -> WHOLE.matcher(value).matches() && new BigInteger(value).bitLength() < 64;
                case DECIMAL -> DECIMAL.matcher(value).matches();
                case BOOLEAN -> value.equals("true") || value.equals("false");
                case CONSTANT -> values.contains(value);
            };
            if (fits) {
                return null;
            }
            String near = kind == Kind.CONSTANT ? closest(value, values) : null;
            return what + (near == null ? "" : " (did you mean " + near + "?)");
        }
    }

    /** The kinds of value a cell can be required to hold. */
    public enum Kind { WHOLE, LONG, DECIMAL, BOOLEAN, CONSTANT }

    /** What the cells of {@code column} must hold, or null when anything may be written (text, or not known). */
    public static Expected expected(DecisionTableModel model, DecisionTableModel.Table table, Column column) {
        String code = column.code();
        if (!code.contains("$param") || code.contains("$1")) {
            return null;
        }
        Matcher constant = CONSTANT.matcher(code);
        if (constant.find()) {
            Class<?> type = resolve(model, constant.group(1));
            if (type != null && type.isEnum()) {
                List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
                return new Expected(Kind.CONSTANT, "is not one of " + String.join(", ", names), names);
            }
            return null;
        }
        if (DECIMAL_CODE.matcher(code).find()) {
            return new Expected(Kind.DECIMAL, "expects a number like 300.00", List.of());
        }
        Class<?> type = null;
        Matcher setter = SETTER.matcher(code);
        if (setter.find()) {
            Class<?> fact = boundClass(model, table, code);
            type = fact == null ? null : setterType(fact, setter.group(1));
        } else {
            Matcher comparison = COMPARISON.matcher(code);
            if (comparison.matches() && column.condition()) {
                Class<?> fact = factClass(model, column.objectType());
                type = fact == null ? null : propertyType(fact, comparison.group(1));
            }
        }
        return of(type);
    }

    private static Expected of(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
            return new Expected(Kind.WHOLE, "expects a whole number", List.of());
        }
        if (type == long.class || type == Long.class) {
            return new Expected(Kind.LONG, "expects a whole number", List.of());
        }
        if (type == BigDecimal.class) {
            return new Expected(Kind.DECIMAL, "expects a number like 300.00", List.of());
        }
        if (type == boolean.class || type == Boolean.class) {
            return new Expected(Kind.BOOLEAN, "expects true or false", List.of());
        }
        if (type.isEnum()) {
            return null; // written with its type in the code, checked above
        }
        return null;
    }

    /** The class of the fact the action's code modifies: {@code modify($policy)} and a {@code $policy : Type} binding. */
    private static Class<?> boundClass(DecisionTableModel model, DecisionTableModel.Table table, String code) {
        Matcher variable = Pattern.compile("\\$(\\w+)").matcher(code);
        List<String> names = new ArrayList<>();
        while (variable.find()) {
            if (!variable.group(1).equals("param")) {
                names.add(variable.group(1));
            }
        }
        for (Column other : table.columns()) {
            Matcher binding = BINDING.matcher(other.objectType());
            while (binding.find()) {
                if (names.isEmpty() || names.contains(binding.group(1))) {
                    Class<?> type = resolve(model, binding.group(2));
                    if (type != null) {
                        return type;
                    }
                }
            }
        }
        return null;
    }

    private static Class<?> setterType(Class<?> fact, String name) {
        for (Method method : fact.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method.getParameterTypes()[0];
            }
        }
        return null;
    }

    /** The Java type of a fact's property ({@code getX}, {@code isX} or a record's {@code x}), or null. */
    public static Class<?> propertyType(Class<?> fact, String property) {
        if (property.isEmpty()) {
            return null;
        }
        String capitalised = property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
        for (String name : List.of("get" + capitalised, "is" + capitalised, property)) {
            try {
                return fact.getMethod(name).getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next accessor form
            }
        }
        return null;
    }

    /** The class an object-type cell names ({@code $policy : DeductionPolicy}), resolved with the imports; or null. */
    public static Class<?> factClass(DecisionTableModel model, String objectType) {
        int colon = objectType.indexOf(':');
        String simple = (colon < 0 ? objectType : objectType.substring(colon + 1)).replaceAll("\\(.*", "").strip();
        return simple.isEmpty() ? null : resolve(model, simple);
    }

    /** A class named in a table, simple or qualified, through its {@code Import} keyword; or null. */
    static Class<?> resolve(DecisionTableModel model, String name) {
        List<String> candidates = new ArrayList<>();
        String imports = model.keyword("Import");
        if (imports != null) {
            for (String imported : imports.split(",")) {
                String entry = imported.strip();
                if (entry.endsWith("." + name) || entry.equals(name)) {
                    candidates.add(entry);
                } else if (entry.endsWith(".*")) {
                    candidates.add(entry.substring(0, entry.length() - 1) + name);
                }
            }
        }
        candidates.add(name);
        for (String candidate : candidates) {
            if (!candidate.matches("[\\w.$]+")) {
                continue;
            }
            try {
                return Class.forName(candidate, false, TableCells.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not this one
            }
        }
        return null;
    }

    /** The one of {@code known} at most one edit (a letter added, dropped, changed or two swapped) from {@code word}. */
    public static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(1, Math.min(2, word.length() / 6)) ? best : null;
    }

    /** Edits from {@code a} to {@code b}: insert, delete, substitute, swap two neighbours (optimal string alignment). */
    public static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 200 || b.length() > 200) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
