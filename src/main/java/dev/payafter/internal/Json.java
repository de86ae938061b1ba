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
 * {@link Optional} as {@code null}.
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
            string(out, money.toPlainString());
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
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
