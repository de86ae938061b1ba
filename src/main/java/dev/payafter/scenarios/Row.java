package dev.payafter.scenarios;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One scenario row, read by column name; every parse error names the file, line, column and cell. */
final class Row {
    private final Path file;
    private final int line;
    private final Map<String, String> cells;
    private final String sheet;
    private final List<String> header;

    Row(Path file, int line, Map<String, String> cells) {
        this(file, line, cells, null, List.copyOf(cells.keySet()));
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
    }

    int line() {
        return line;
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
            throw error(column, value, "is required");
        }
        return value;
    }

    BigDecimal money(String column, String fallback) {
        String value = blank(column) ? fallback : text(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw error(column, value, "is not a number of yuan (like 299.99)");
        }
    }

    Integer integer(String column, Integer fallback) {
        if (blank(column)) {
            return fallback;
        }
        try {
            return Integer.valueOf(text(column));
        } catch (NumberFormatException e) {
            throw error(column, text(column), "is not a whole number");
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
                throw error(column, text(column), "is not true/false (or yes/no)");
        }
    }

    <E extends Enum<E>> E enumValue(String column, Class<E> type, E fallback) {
        if (blank(column)) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text(column));
        } catch (IllegalArgumentException e) {
            throw error(column, text(column), "is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An instant written with its offset, like {@code 2026-03-01T10:00+08:00} or {@code 2026-03-01T02:00Z}. */
    Instant instant(String column) {
        return blank(column) ? null : instant(column, text(column));
    }

    List<Instant> instants(String column) {
        List<Instant> values = new ArrayList<>();
        for (String part : list(column)) {
            values.add(instant(column, part));
        }
        return values;
    }

    private Instant instant(String column, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw error(column, value, "is not a time with an offset (like 2026-03-01T10:00+08:00)");
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
        return new ScenarioTableException(where(column) + ": column " + column + ": \"" + value + "\" " + problem);
    }

    /** {@code file:line} for a CSV file; {@code file!Sheet!C7} for a workbook (the column's cell when known). */
    String where(String column) {
        if (sheet == null) {
            return file + ":" + line;
        }
        int index = header.indexOf(column);
        return file + "!" + sheet + "!" + (index < 0 ? "A" : dev.payafter.internal.TableGrid.columnLetters(index)) + line;
    }
}
