package dev.payafter.scenarios;

import dev.payafter.internal.Checks;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One scenario row, read by column name; every parse error names the file, line, column and cell, and shows the
 * cell bounded ({@link Checks#shown}). A cell is bounded before it is parsed: a number has at most
 * {@value #MAX_NUMBER_CHARS} characters, {@value Checks#MAX_DIGITS} digits and no exponent beyond
 * 10^{@value Checks#MAX_DIGITS} (then the request's own checks apply), a time at most {@value #MAX_TIME_CHARS}
 * characters, a list of times at most {@value Checks#MAX_FAILED_ATTEMPTS} entries.
 *
 * <p>A scenario-table row {@linkplain #collecting() collects} its bad cells instead of stopping at the first: each
 * accessor records the problem and returns the column's default, so that every bad cell of the row is reported
 * ({@link #problems()}) and the row is then reported as not run.
 */
final class Row {
    /** The longest text read as a number. */
    static final int MAX_NUMBER_CHARS = 64;
    /** The longest text read as a time. */
    static final int MAX_TIME_CHARS = 64;
    /** A decimal number in ASCII digits, with an optional exponent. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    /** A whole number in ASCII digits. */
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

    private final Path file;
    private final int line;
    private final Map<String, String> cells;
    private final String sheet;
    private final List<String> header;
    private final Map<String, Integer> lines;
    private Set<String> problems;

    Row(Path file, int line, Map<String, String> cells) {
        this(file, line, cells, Map.of());
    }

    /** A recorded request's row: {@code lines} gives the line of a field that is not on {@code line}. */
    Row(Path file, int line, Map<String, String> cells, Map<String, Integer> lines) {
        this.file = file;
        this.line = line;
        this.cells = cells;
        this.sheet = null;
        this.header = List.copyOf(cells.keySet());
        this.lines = Map.copyOf(lines);
    }

    /**
     * A row of a workbook: errors name the cell as {@code file!Sheet!C7}.
     *
     * @param sheet the sheet's name, or null for a CSV file
     * @param header the column names in sheet order (to name a cell's column letter)
     */
    Row(Path file, int line, Map<String, String> cells, String sheet, List<String> header) {
        this.file = file;
        this.line = line;
        this.cells = cells;
        this.sheet = sheet;
        this.header = header;
        this.lines = Map.of();
    }

    /** From now on, a bad cell is recorded ({@link #problems()}) and read as its column's default. */
    Row collecting() {
        problems = new LinkedHashSet<>();
        return this;
    }

    /** Every bad cell recorded while collecting, as {@code where: column C: "value" problem}; empty otherwise. */
    List<String> problems() {
        return problems == null ? List.of() : List.copyOf(problems);
    }

    /** Records a bad cell found outside this class (a kind's own check of a cell) while collecting; else throws it. */
    void record(ScenarioTableException e) {
        fail(e, null);
    }

    /** Records {@code e} and returns {@code fallback} while collecting; throws it otherwise. */
    private <T> T fail(ScenarioTableException e, T fallback) {
        if (problems == null) {
            throw e;
        }
        problems.add(e.getMessage());
        return fallback;
    }

    int line() {
        return line;
    }

    Path file() {
        return file;
    }

    boolean has(String column) {
        return cells.containsKey(column);
    }

    /** The stripped cell, or {@code ""} when blank or when the column is absent. */
    String text(String column) {
        String value = cells.get(column);
        return value == null ? "" : value.strip();
    }

    boolean blank(String column) {
        return text(column).isEmpty();
    }

    String required(String column) {
        String value = text(column);
        if (value.isEmpty()) {
            return fail(error(column, value, "is required"), value);
        }
        return value;
    }

    BigDecimal money(String column, String fallback) {
        String value = blank(column) ? fallback : text(column);
        if (value == null) {
            return null;
        }
        BigDecimal number = number(column, value, "is not a number of yuan (like 299.99)");
        return number != null || fallback == null || value.equals(fallback) ? number : new BigDecimal(fallback);
    }

    /** A number, refused before it is parsed when too long, and after when too many digits or too far out. */
    private BigDecimal number(String column, String value, String notANumber) {
        if (value.length() > MAX_NUMBER_CHARS) {
            return fail(error(column, value, "is too long for a number (more than " + MAX_NUMBER_CHARS
                    + " characters)"), null);
        }
        if (!DECIMAL.matcher(value).matches()) { // BigDecimal would also take other scripts' digits
            return fail(error(column, value, notANumber), null);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) { // an exponent beyond the int range
            return fail(error(column, value, "is out of range (at most " + Checks.MAX_DIGITS
                    + " digits, and no exponent beyond 10^" + Checks.MAX_DIGITS + ")"), null);
        }
        if (number.precision() > Checks.MAX_DIGITS || number.scale() > Checks.MAX_DIGITS
                || number.scale() < -Checks.MAX_DIGITS) {
            return fail(error(column, value, "is out of range (at most " + Checks.MAX_DIGITS
                    + " digits, and no exponent beyond 10^" + Checks.MAX_DIGITS + ")"), null);
        }
        return number;
    }

    Integer integer(String column, Integer fallback) {
        if (blank(column)) {
            return fallback;
        }
        String value = text(column);
        if (value.length() > MAX_NUMBER_CHARS || !WHOLE.matcher(value).matches()) {
            return fail(error(column, value, "is not a whole number"), fallback);
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return fail(error(column, value, "is not a whole number (or beyond " + Integer.MAX_VALUE + ")"), fallback);
        }
    }

    boolean bool(String column, boolean fallback) {
        Boolean value = optionalBool(column);
        return value == null ? fallback : value;
    }

    Boolean optionalBool(String column) {
        String value = text(column).toLowerCase();
        switch (value) {
            case "":
                return null;
            case "true":
            case "yes":
                return Boolean.TRUE;
            case "false":
            case "no":
                return Boolean.FALSE;
            default:
                return fail(error(column, text(column), "is not true/false (or yes/no)"), null);
        }
    }

    <E extends Enum<E>> E enumValue(String column, Class<E> type, E fallback) {
        if (blank(column)) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text(column));
        } catch (IllegalArgumentException e) {
            return fail(error(column, text(column), "is not one of " + Arrays.toString(type.getEnumConstants())),
                    fallback);
        }
    }

    /** An instant written with its offset, like {@code 2026-03-01T10:00+08:00} or {@code 2026-03-01T02:00Z}. */
    Instant instant(String column) {
        return blank(column) ? null : instant(column, text(column));
    }

    List<Instant> instants(String column) {
        List<Instant> values = new ArrayList<>();
        List<String> parts = list(column);
        if (parts.size() > Checks.MAX_FAILED_ATTEMPTS) {
            return fail(error(column, text(column), "has " + parts.size() + " times, more than "
                    + Checks.MAX_FAILED_ATTEMPTS), values);
        }
        for (String part : parts) {
            Instant value = instant(column, part);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Instant instant(String column, String value) {
        if (value.length() > MAX_TIME_CHARS) {
            return fail(error(column, value, "is too long for a time (more than " + MAX_TIME_CHARS + " characters)"),
                    null);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return fail(error(column, value, "is not a time with an offset (like 2026-03-01T10:00+08:00)"), null);
        }
    }

    /** A {@code |}-separated list; blank is empty. */
    List<String> list(String column) {
        List<String> values = new ArrayList<>();
        for (String part : text(column).split("\\|")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }

    /** A {@code |}-separated set, sorted, for order-free comparison. */
    TreeSet<String> set(String column) {
        return new TreeSet<>(list(column));
    }

    ScenarioTableException error(String column, String value, String problem) {
        return new ScenarioTableException(where(column) + ": column " + column + ": \"" + Checks.shown(value) + "\" "
                + problem);
    }

    /** {@code file:line} for a CSV file; {@code file!Sheet!C7} for a workbook (the column's cell when known). */
    String where(String column) {
        String name = Checks.escaped(String.valueOf(file));
        if (sheet == null) {
            return name + ":" + lines.getOrDefault(column, line);
        }
        int index = header.indexOf(column);
        return name + "!" + Checks.escaped(sheet) + "!" + (index < 0 ? "A" : dev.payafter.internal.TableGrid.columnLetters(index)) + line;
    }
}
