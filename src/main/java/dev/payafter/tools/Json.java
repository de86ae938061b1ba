package dev.payafter.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools' JSON. Reading is Jackson's (an optional dependency of the library, inside the analyst jar), with
 * {@link #LIMITS} on what one document may hold, and numbers read exactly as {@link BigDecimal}
 * ({@code USE_BIG_DECIMAL_FOR_FLOATS}), so money never passes through a double. Writing (maps, lists, strings,
 * numbers, booleans) is the library's own escaping, {@link dev.payafter.internal.Json#string}.
 */
final class Json {
    /**
     * What one JSON document may hold: nesting at most 64 deep, a number at most 100 characters, a string at most
     * 1 MiB, a field name at most 1,000 characters. Past any of them Jackson stops reading at once, with the line.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(64)
            .maxNumberLength(100).maxStringLength(1 << 20).maxNameLength(1_000).build();

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** A mapper with {@link #LIMITS}, exact decimals, strict duplicates, and {@code module}. */
    static JsonMapper mapperWith(com.fasterxml.jackson.databind.Module module) {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .addModule(module)
                .build();
    }

    /** A streaming parser over {@code text} with {@link #LIMITS}. */
    static JsonParser parser(String text) throws IOException {
        return MAPPER.createParser(text);
    }

    /**
     * Reads one JSON value that fills {@code text} (surrounding white space allowed): objects as ordered maps,
     * arrays as lists, every number as an exact {@link BigDecimal}.
     *
     * @throws IllegalArgumentException naming the line and column of the first error
     */
    static Object parse(String text) {
        try {
            return plain(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("JSON" + (at == null ? "" : " at line " + at.getLineNr() + " column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** Writes a value: maps, iterables, strings, numbers, booleans, null; anything else as its string. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            quote(out, value.toString());
        }
    }

    private static void quote(StringBuilder out, String s) {
        dev.payafter.internal.Json.string(out, s); // one escaping for every JSON the library writes
    }
}
