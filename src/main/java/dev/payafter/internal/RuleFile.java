package dev.payafter.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One file of a rule set.
 *
 * @param path the path relative to the rule set's root, with {@code /} separators
 * @param bytes the file's content
 * @param type what the file is, from its name
 */
public record RuleFile(String path, byte[] bytes, Type type) {

    /** What a file in a rule set can be. */
    public enum Type {
        DRL(true),
        TABLE_CSV(true),
        TABLE_XLS(true),
        PROFILES(true),
        SCENARIOS(false),
        DOC(false);

        private final boolean decides;

        Type(boolean decides) {
            this.decides = decides;
        }

        /** Whether the file takes part in decisions (and so in the rule-set version). */
        public boolean decides() {
            return decides;
        }

        public boolean table() {
            return this == TABLE_CSV || this == TABLE_XLS;
        }
    }

    public static final String PROFILES_FILE = "profiles.csv";

    /** The UTF-8 byte-order mark some editors and spreadsheets write at the start of a text file. */
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * A file as read from disk: a text file's (DRL, CSV) leading byte-order mark is dropped, so that it is read as
     * what it is (a mark) rather than as the first character of the package line or of the table's first cell.
     * The version does not change with or without the mark.
     */
    public static RuleFile of(String path, byte[] bytes, Type type) {
        boolean text = type == Type.DRL || type == Type.TABLE_CSV || type == Type.PROFILES
                || type == Type.SCENARIOS && path.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (text && bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2]) {
            bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return new RuleFile(path, bytes, type);
    }

    /**
     * The type a file's name gives it, or {@code null} for a name Drools would skip silently (and so this
     * library refuses).
     */
    public static Type typeOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean topLevel = path.indexOf('/') < 0;
        if (name.endsWith(".md")) {
            return Type.DOC;
        }
        if (topLevel) {
            return name.equals(PROFILES_FILE) ? Type.PROFILES : null;
        }
        if (name.endsWith(".drl")) {
            return Type.DRL;
        }
        if (name.endsWith(".drl.csv")) {
            return Type.TABLE_CSV;
        }
        if (name.endsWith(".drl.xlsx") || name.endsWith(".drl.xls")) {
            return Type.TABLE_XLS;
        }
        if (name.endsWith(".scenarios.csv") || name.endsWith(".scenarios.xlsx")) {
            return Type.SCENARIOS;
        }
        return null;
    }

    /** The folder a file sits in (the decision kind), or the empty string at the top level. */
    public String folder() {
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The file name without its folder. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The content as UTF-8 text, without a leading byte-order mark. */
    public String text() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
}
