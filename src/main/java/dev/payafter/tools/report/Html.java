package dev.payafter.tools.report;

import java.util.Locale;

/**
 * Escaping for the report's HTML. Every text written into a page goes through {@link #text} (element content) or
 * {@link #attr} (a double-quoted attribute value); nothing from an analyst's files is written any other way, and
 * nothing of it goes into a {@code <style>}, a {@code <script>} (the pages have none), a URL or an unquoted
 * attribute. The rules are OWASP's for those two contexts: {@code & < > " '} become character references, in text
 * and attributes alike, so one escaper serves both; characters that are not allowed in an HTML document (C0 and C1
 * controls other than tab, line feed and carriage return, unpaired surrogates, the non-characters U+FFFE and
 * U+FFFF) become U+FFFD, so that a control character cannot break a page either.
 *
 * <p>Hand-written because the brief keeps the analyst jar's dependencies as they are; it is a few lines, and the
 * browser test shows hostile cells ({@code <script>}, {@code "><img onerror=...>}, {@code </style>}) as text.
 */
final class Html {
    private Html() {
    }

    /** {@code value} escaped for element content; null is the empty string. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(value, i, c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (replacement.isEmpty()) { // a valid surrogate pair: both halves as they are
                out.append(c).append(value.charAt(++i));
            } else {
                out.append(replacement);
            }
        }
        return out == null ? value : out.toString();
    }

    /** {@code value} escaped for a double-quoted attribute value; null is the empty string. */
    static String attr(String value) {
        return text(value);
    }

    /**
     * The replacement of the character at {@code i}: null to keep it, the empty string for the high half of a valid
     * surrogate pair (kept with its low half), or the text to write instead.
     */
    private static String replacement(String value, int i, char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            case '\t', '\n', '\r':
                return null;
            default:
                break;
        }
        if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\uFFFE' || c == '\uFFFF') {
            return "\uFFFD";
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)) ? "" : "\uFFFD";
        }
        if (Character.isLowSurrogate(c)) {
            return "\uFFFD"; // a low half whose high half came before was consumed with it
        }
        return null;
    }

    /**
     * A fragment identifier made from {@code value}: lower-case letters, digits and hyphens only, so it is safe in
     * an {@code id} and in {@code href="#..."}, prefixed with {@code prefix} and made unique by {@code n}.
     */
    static String id(String prefix, String value, int n) {
        String slug = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return prefix + "-" + n + (slug.isEmpty() ? "" : "-" + slug);
    }
}
