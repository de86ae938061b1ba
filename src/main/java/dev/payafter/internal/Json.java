package dev.payafter.internal;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes records, collections and plain values as JSON text. Money ({@link BigDecimal}) is written as a string
 * ({@code "199.00"}) so no reader turns it into a double; times in ISO-8601; enums by name; an empty
 * {@link Optional} as {@code null}. Strings are escaped so that a record is always one line (see {@link #string}).
 * The library's own writer: hosts need no JSON library for the audit sink.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    public static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Optional<?> optional) {
            write(out, optional.orElse(null));
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal money) {
            string(out, number(money));
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Record record) {
            out.append('{');
            boolean first = true;
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                first = member(out, first, component.getName());
                try {
                    write(out, component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                first = member(out, first, String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> collection) {
            out.append('[');
            boolean first = true;
            for (Object item : collection) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof TemporalAccessor || value instanceof CharSequence) {
            string(out, value.toString());
        } else {
            string(out, String.valueOf(value));
        }
    }

    /** Starts an object member; returns {@code false} (no longer the first). */
    public static boolean member(StringBuilder out, boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        string(out, name);
        out.append(':');
        return false;
    }

    /**
     * Appends {@code text} as a JSON string. Besides the quote and the backslash, every character a reader could
     * take for a line break or that is not text is escaped, so one record stays one line for any line-splitting
     * reader: the C0 controls ({@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, the rest as
     * <code>&#92;u00XX</code>), DEL and the C1 controls (U+007F to U+009F, with U+0085 NEXT LINE), U+2028 LINE
     * SEPARATOR, U+2029 PARAGRAPH SEPARATOR, and lone surrogates (which UTF-8 cannot encode: written raw they
     * would become {@code ?}). A valid surrogate pair is written as it is.
     */
    public static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                        hex(out, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        } else {
                            hex(out, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(out, c); // a low surrogate not after a high one
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void hex(StringBuilder out, char c) {
        out.append("\\u");
        String digits = Integer.toHexString(c);
        out.append("0000", digits.length(), 4).append(digits);
    }

    /** A number's exact text: plain when that is short, scientific ({@code 1E+40}) when the exponent is large. */
    static String number(BigDecimal value) {
        return value.scale() >= -100 && value.scale() <= 100 ? value.toPlainString() : value.toString();
    }
}
