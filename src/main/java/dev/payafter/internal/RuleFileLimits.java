package dev.payafter.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Bounds on a rule file checked <em>before</em> any parser sees it, so that a file built to overflow the stack or
 * the heap of Drools' parsers (a 40 KB {@code a.a.a...} chain, 20,000 nested parentheses, a workbook that unpacks
 * to hundreds of megabytes) is refused with its place instead of taking the reload, the watcher or the analyst tool
 * down. Every check is one pass over the file (linear in its size); the zip checks never inflate more than
 * {@link #MAX_UNPACKED_BYTES} in all.
 *
 * <p>Measured on Drools 10.2 with a 1 MiB thread stack: 300 nested parentheses in a constraint or a consequence
 * overflow the stack, 150 do not; a dotted chain of 3,000 members overflows, 1,000 takes 45 s to compile. The
 * bounds below are far under those and far over what a readable rule needs. They are a first line: the compile
 * itself also runs under a catch of every {@code Throwable} ({@link LiveRules}), for whatever slips past them.
 */
public final class RuleFileLimits {
    /** The deepest nesting of {@code ( [ {} outside strings and comments. */
    public static final int MAX_NESTING = 64;
    /** The deepest nesting counting every bracket, in strings and comments too (a misread string hides none). */
    public static final int MAX_RAW_NESTING = 256;
    /** The most member accesses in one chain ({@code a.b().c} is 2). */
    public static final int MAX_CHAIN = 64;
    /** The longest identifier or number, in characters. */
    public static final int MAX_TOKEN = 1_000;
    /** The most rows in one decision table (CSV lines; rows of one sheet of a workbook). */
    public static final int MAX_TABLE_ROWS = 5_000;
    /** The most cells in one decision table (or one sheet of a workbook). */
    public static final int MAX_TABLE_CELLS = 100_000;
    /** The most entries in a workbook's zip. */
    public static final int MAX_ZIP_ENTRIES = 1_000;
    /** The most bytes a workbook may unpack to, all entries together. */
    public static final long MAX_UNPACKED_BYTES = 16L << 20;

    private RuleFileLimits() {
    }

    /** Where a limit was passed and which: line and column 1-based, 0 when they do not apply. */
    public record Breach(int line, int column, String message) {
    }

    /** The first limit {@code bytes} (a file of {@code type} named {@code name}) passes, or {@code null}. */
    public static Breach check(RuleFile.Type type, String name, byte[] bytes) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return workbook(bytes);
        }
        if (lower.endsWith(".xls") || type == RuleFile.Type.DOC) {
            return null; // an OLE2 workbook is not compressed: the file size bounds it; docs are never parsed
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean table = lower.endsWith(".csv");
        Breach breach = code(text, 1, table);
        if (breach == null && table) {
            breach = csv(text);
        }
        return breach;
    }

    /**
     * Nesting, chains and token lengths of rule text (DRL, Java, MVEL, or the cells of a table, which become DRL).
     * Strings ({@code "..."}, {@code '...'}, text blocks) and comments are skipped for the nesting and chains that
     * parsers recurse on; a second count over every bracket bounds what a wrongly skipped string could hide.
     *
     * @param firstLine the line number of the text's first line
     * @param rows whether each line is on its own (a CSV row: a cell's code never spans rows, and an unclosed
     *     bracket in a note must not add up over the rows)
     */
    static Breach code(String text, int firstLine, boolean rows) {
        int depth = 0;
        int raw = 0;
        int[] chain = new int[MAX_NESTING + 2];
        int line = firstLine;
        int lineStart = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            // the bracket count over everything, strings and comments included
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
                if (rows) {
                    depth = 0;
                    raw = 0;
                    chain[0] = 0;
                }
                continue;
            }
            int skipped = -1; // the end of a string or comment starting here: not code, but its brackets count raw
            if (c == '"' || c == '\'') {
                skipped = skipString(text, i);
                chain[depth] = 0;
            } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                if (text.charAt(i + 1) == '/') {
                    skipped = text.indexOf('\n', i);
                    skipped = skipped < 0 ? n : skipped;
                } else {
                    skipped = text.indexOf("*/", i + 2);
                    skipped = skipped < 0 ? n : skipped + 2;
                }
            }
            if (skipped >= 0) {
                int[] moved = rawBrackets(text, i, skipped, raw);
                raw = moved[0];
                if (moved[1] >= 0) {
                    return rawBreach(text, moved[1], firstLine);
                }
                for (int k = i; k < skipped; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = skipped;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                raw++;
                if (depth > MAX_NESTING) {
                    return new Breach(line, i - lineStart + 1, "brackets nest more than " + MAX_NESTING
                            + " deep here; a parser would recurse once per level (split the expression, or name"
                            + " its parts)");
                }
                if (raw > MAX_RAW_NESTING) {
                    return new Breach(line, i - lineStart + 1, "brackets nest more than " + MAX_RAW_NESTING
                            + " deep here, counting those in strings and comments");
                }
                chain[depth] = 0;
                i++;
                continue;
            }
            if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
                raw = Math.max(0, raw - 1);
                i++;
                continue;
            }
            if (c == '.') {
                if (++chain[depth] > MAX_CHAIN) {
                    return new Breach(line, i - lineStart + 1, "a chain of more than " + MAX_CHAIN
                            + " member accesses (a.b.c...) here; a parser would recurse once per member");
                }
                i++;
                continue;
            }
            if (Character.isJavaIdentifierPart(c)) {
                int start = i;
                while (i < n && (Character.isJavaIdentifierPart(text.charAt(i)))) {
                    i++;
                }
                if (i - start > MAX_TOKEN) {
                    return new Breach(line, start - lineStart + 1, "a name or number of " + (i - start)
                            + " characters here; at most " + MAX_TOKEN);
                }
                continue;
            }
            if (!Character.isWhitespace(c)) {
                chain[depth] = 0; // an operator, a comma, a semicolon: a new chain starts after it
            }
            i++;
        }
        return null;
    }

    /** The index just past the string starting at {@code start} (a quote), or the text's end if it never closes. */
    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        int n = text.length();
        if (quote == '"' && text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? n : end + 3;
        }
        for (int i = start + 1; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (quote == '\'' && c == '\n') {
                return i; // a lone apostrophe (in a comment-like cell, say): not a string past its line
            }
        }
        return n;
    }

    /** Moves the all-brackets count over {@code text[from, to)}: {new count, index where it passed its bound or -1}. */
    private static int[] rawBrackets(String text, int from, int to, int raw) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '(' || c == '[' || c == '{') {
                if (++raw > MAX_RAW_NESTING) {
                    return new int[] {raw, k};
                }
            } else if (c == ')' || c == ']' || c == '}') {
                raw = Math.max(0, raw - 1);
            }
        }
        return new int[] {raw, -1};
    }

    private static Breach rawBreach(String text, int index, int firstLine) {
        int line = firstLine;
        int lineStart = 0;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new Breach(line, index - lineStart + 1, "brackets nest more than " + MAX_RAW_NESTING
                + " deep here, counting those in strings and comments");
    }

    /** Rows and cells of a CSV table (a quoted field may span lines). */
    static Breach csv(String text) {
        int rows = 1;
        long cells = 1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                cells++;
            } else if (!quoted && c == '\n' && i + 1 < text.length()) {
                rows++;
                cells++;
            }
            if (rows > MAX_TABLE_ROWS) {
                return new Breach(rows, 0, "more than " + MAX_TABLE_ROWS + " rows; a decision table may have at most "
                        + MAX_TABLE_ROWS + " (split it)");
            }
            if (cells > MAX_TABLE_CELLS) {
                return new Breach(rows, 0, "more than " + MAX_TABLE_CELLS + " cells; a decision table may have at"
                        + " most " + MAX_TABLE_CELLS + " (split it)");
            }
        }
        return null;
    }

    /**
     * A workbook (a zip of XML parts): at most {@link #MAX_ZIP_ENTRIES} entries and {@link #MAX_UNPACKED_BYTES}
     * unpacked, counted first from the sizes the zip's central directory declares (nothing inflated) and then
     * while inflating each entry as a reader does (declared sizes can lie; inflating stops at the bound). Each
     * sheet may have at most {@link #MAX_TABLE_ROWS} rows and {@link #MAX_TABLE_CELLS} cells, and its text (and the
     * shared strings, where cell text lives) passes {@link #code}.
     */
    static Breach workbook(byte[] bytes) {
        Breach declared = centralDirectory(bytes);
        if (declared != null) {
            return declared;
        }
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    return new Breach(0, 0, "the workbook has more than " + MAX_ZIP_ENTRIES + " parts");
                }
                String part = entry.getName();
                boolean sheet = part.startsWith("xl/worksheets/") && part.endsWith(".xml");
                boolean text = sheet || part.equals("xl/sharedStrings.xml");
                ByteArrayOutputStream kept = text ? new ByteArrayOutputStream() : null;
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    total += read;
                    if (total > MAX_UNPACKED_BYTES) {
                        return new Breach(0, 0, "the workbook unpacks to more than " + (MAX_UNPACKED_BYTES >> 20)
                                + " MiB (at part " + part + "); a rule workbook may unpack to at most "
                                + (MAX_UNPACKED_BYTES >> 20) + " MiB");
                    }
                    if (kept != null) {
                        kept.write(buffer, 0, read);
                    }
                }
                if (kept != null) {
                    String xml = kept.toString(StandardCharsets.UTF_8);
                    Breach breach = sheet ? sheet(part, xml) : null;
                    if (breach == null) {
                        breach = cellTexts(part, xml);
                    }
                    if (breach != null) {
                        return breach;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Breach(0, 0, "decision table does not parse: not a readable workbook (zip): " + e.getMessage());
        }
        return null;
    }

    private static Breach sheet(String part, String xml) {
        int rows = count(xml, "<row");
        int cells = count(xml, "<c ") + count(xml, "<c>") + count(xml, "<c/");
        String sheet = part.substring("xl/worksheets/".length(), part.length() - ".xml".length());
        if (rows > MAX_TABLE_ROWS) {
            return new Breach(0, 0, sheet + " has " + rows + " rows; a decision table may have at most "
                    + MAX_TABLE_ROWS + " (split it)");
        }
        if (cells > MAX_TABLE_CELLS) {
            return new Breach(0, 0, sheet + " has " + cells + " cells; a decision table may have at most "
                    + MAX_TABLE_CELLS + " (split it)");
        }
        return null;
    }

    /**
     * Checks the text of every cell (a shared string, an inline string, a value) with {@link #code}: the text
     * between tags, entities decoded, the runs of one string or cell joined.
     */
    private static Breach cellTexts(String part, String xml) {
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = xml.length();
        while (i < n) {
            int open = xml.indexOf('<', i);
            int textEnd = open < 0 ? n : open;
            decode(xml, i, textEnd, cell);
            if (open < 0) {
                break;
            }
            int close = xml.indexOf('>', open);
            close = close < 0 ? n : close;
            String tag = xml.substring(open, Math.min(close + 1, n));
            if (tag.startsWith("</si") || tag.startsWith("</c>") || tag.startsWith("</is") || tag.endsWith("/>")
                    && tag.startsWith("<c ") || tag.startsWith("</row")) {
                Breach breach = code(cell.toString(), 1, false);
                if (breach != null) {
                    return new Breach(0, 0, part + ", the text of a cell: " + breach.message());
                }
                cell.setLength(0);
            }
            i = close + 1;
        }
        Breach breach = code(cell.toString(), 1, false);
        return breach == null ? null : new Breach(0, 0, part + ", the text of a cell: " + breach.message());
    }

    private static void decode(String xml, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = xml.charAt(i);
            if (c == '&') {
                int semi = xml.indexOf(';', i);
                if (semi > 0 && semi < to && semi - i <= 10) {
                    String entity = xml.substring(i + 1, semi);
                    switch (entity) {
                        case "quot" -> out.append('"');
                        case "apos" -> out.append('\'');
                        case "amp" -> out.append('&');
                        case "lt" -> out.append('<');
                        case "gt" -> out.append('>');
                        default -> {
                            try {
                                int code = entity.startsWith("#x") ? Integer.parseInt(entity.substring(2), 16)
                                        : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
                                if (code >= 0 && Character.isValidCodePoint(code)) {
                                    out.appendCodePoint(code);
                                } else {
                                    out.append('&');
                                    continue;
                                }
                            } catch (NumberFormatException e) {
                                out.append('&');
                                continue;
                            }
                        }
                    }
                    i = semi;
                    continue;
                }
            }
            out.append(c);
        }
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            count++;
        }
        return count;
    }

    /** The entry count and unpacked sizes the central directory declares, read without inflating anything. */
    private static Breach centralDirectory(byte[] b) {
        int eocd = -1;
        for (int i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
            if (b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 0x05 && b[i + 3] == 0x06) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return new Breach(0, 0, "decision table does not parse: not a workbook, no zip directory at its end"
                    + " (a file still being written?)");
        }
        int count = u16(b, eocd + 10);
        long offset = u32(b, eocd + 16);
        if (count == 0xFFFF || offset == 0xFFFFFFFFL) {
            return new Breach(0, 0, "the workbook is a ZIP64 archive; a rule workbook is never that large");
        }
        if (count > MAX_ZIP_ENTRIES) {
            return new Breach(0, 0, "the workbook has " + count + " parts; at most " + MAX_ZIP_ENTRIES);
        }
        long total = 0;
        int at = (int) Math.min(offset, Integer.MAX_VALUE);
        for (int k = 0; k < count; k++) {
            if (at < 0 || at + 46 > b.length || u32(b, at) != 0x02014b50L) {
                return new Breach(0, 0, "decision table does not parse: its zip directory is damaged");
            }
            long size = u32(b, at + 24);
            if (size == 0xFFFFFFFFL) {
                return new Breach(0, 0, "the workbook is a ZIP64 archive; a rule workbook is never that large");
            }
            total += size;
            if (total > MAX_UNPACKED_BYTES) {
                return new Breach(0, 0, "the workbook declares more than " + (MAX_UNPACKED_BYTES >> 20)
                        + " MiB unpacked; a rule workbook may unpack to at most " + (MAX_UNPACKED_BYTES >> 20) + " MiB");
            }
            at += 46 + u16(b, at + 28) + u16(b, at + 30) + u16(b, at + 32);
        }
        return null;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
