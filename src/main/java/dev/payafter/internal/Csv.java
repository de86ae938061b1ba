package dev.payafter.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, fields in double quotes may hold commas, quotes ("") and line
 * breaks. Blank lines are skipped, so row numbers are not line numbers; use {@link #parseNumbered}.
 */
public final class Csv {
    private Csv() {
    }

    /** A row with the 1-based line it starts on. */
    public record Row(int line, List<String> cells) {
    }

    /** Rows without their line numbers. */
    public static List<List<String>> parse(String text) {
        return parseNumbered(text).stream().map(Row::cells).toList();
    }

    /** Rows with the line each starts on; blank lines and lines of only commas are skipped. */
    public static List<Row> parseNumbered(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a byte-order mark from a spreadsheet's "save as CSV"
        }
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                addRow(rows, rowLine, cells);
                cells = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + rowLine + ": a quoted field is never closed");
        }
        cells.add(cell.toString());
        addRow(rows, rowLine, cells);
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> cells) {
        boolean blank = cells.stream().allMatch(String::isBlank);
        if (!blank) {
            rows.add(new Row(line, List.copyOf(cells)));
        }
    }
}
