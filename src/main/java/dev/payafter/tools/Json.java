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
 * numbers, booleans) is Jackson's too ({@link #write}).
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

    /** Writes JSON: plain BigDecimal numbers (never 1E+3), nothing but what {@link #tree} made. */
    private static final JsonMapper WRITER = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /**
     * Writes a value through Jackson: maps (keys as their strings), iterables, strings, numbers, booleans, null;
     * anything else as its string.
     */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void write(StringBuilder out, Object value) {
        out.append(write(value));
    }

    /** Nodes that keep a decimal as written: 199.00 stays 199.00. */
    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
            com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true);

    /** The value as a JSON tree: what {@link #write} writes. */
    static JsonNode tree(Object value) {
        com.fasterxml.jackson.databind.node.JsonNodeFactory nodes = NODES;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            com.fasterxml.jackson.databind.node.ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof Iterable<?> list) {
            com.fasterxml.jackson.databind.node.ArrayNode array = nodes.arrayNode();
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof BigDecimal d) {
            return nodes.numberNode(d);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return nodes.numberNode(new BigDecimal(value.toString()));
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        return nodes.textNode(value.toString());
    }
}
