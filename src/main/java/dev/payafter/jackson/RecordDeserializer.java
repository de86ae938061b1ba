package dev.payafter.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.payafter.InvalidRequestException;
import dev.payafter.internal.Checks;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one of payafter's records from the shape {@link RecordSerializer} writes. Every number is read exactly (as
 * {@link BigDecimal} from its text, never through a double); money may be a string ({@code "199.00"}, as written)
 * or a JSON number. A missing or {@code null} member is "not given": {@code null} for an object, empty for an
 * {@code Optional} or a list, and the builders' defaults for a {@code boolean} ({@code false}) or an {@code int}
 * (0). An unknown member is refused. Every problem is an {@link InvalidRequestJsonException} naming the field
 * ({@code Type.component}) and the value; the record's own checks run as its constructor runs them.
 */
final class RecordDeserializer<T extends Record> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    RecordDeserializer(Class<T> type) {
        super(type);
        this.type = type;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Object tree = plain(parser, type.getSimpleName());
        try {
            return type.cast(build(type, tree, type.getSimpleName()));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestJsonException(parser, e);
        }
    }

    /** The current value as plain Java: maps, lists, strings, exact decimals, booleans, null. */
    private static Object plain(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            token = parser.nextToken();
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, plain(parser, name));
                }
                return map;
            }
            case FIELD_NAME: { // a deserializer called inside an object (Jackson's convention)
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = token; t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, plain(parser, name));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(plain(parser, field));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                try {
                    return parser.getDecimalValue();
                } catch (NumberFormatException e) {
                    throw new InvalidRequestJsonException(parser,
                            new InvalidRequestException(field, parser.getText(), "is out of range for a number"));
                }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new InvalidRequestJsonException(parser,
                        new InvalidRequestException(field, String.valueOf(token), "is not a JSON value"));
        }
    }

    static Object build(Class<?> type, Object value, String field) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException(field, shown(value), "must be a JSON object (" + type.getSimpleName()
                    + ")");
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        for (Object key : map.keySet()) {
            if (!names.contains(key)) {
                throw new InvalidRequestException(type.getSimpleName() + "." + Checks.shown(key), null,
                        "is not a field of " + type.getSimpleName() + " (its fields: " + String.join(", ", names)
                                + ")");
            }
        }
        Object[] arguments = new Object[components.length];
        Class<?>[] classes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            classes[i] = component.getType();
            arguments[i] = convert(component.getGenericType(), map.get(component.getName()),
                    type.getSimpleName() + "." + component.getName());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(classes);
            return canonical.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw new InvalidRequestException(type.getSimpleName(), null, "is inconsistent: "
                        + cause.getMessage());
            }
            throw new IllegalStateException("cannot build " + type.getName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object convert(Type target, Object value, String field) {
        if (target instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type item = parameterized.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                return Optional.ofNullable(value == null ? null : convert(item, value, field));
            }
            if (raw == List.class) {
                if (value == null) {
                    return List.of();
                }
                if (!(value instanceof List<?> list)) {
                    throw new InvalidRequestException(field, shown(value), "must be a JSON array");
                }
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    Object converted = convert(item, list.get(i), field + "[" + i + "]");
                    if (converted == null) {
                        throw new InvalidRequestException(field + "[" + i + "]", null, "is required");
                    }
                    out.add(converted);
                }
                return out;
            }
            if (raw == Map.class) {
                if (value == null) {
                    return Map.of();
                }
                if (!(value instanceof Map<?, ?> map)) {
                    throw new InvalidRequestException(field, shown(value), "must be a JSON object");
                }
                Type valueType = parameterized.getActualTypeArguments()[1];
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), convert(valueType, v, field + "." + k)));
                return out;
            }
            throw new IllegalStateException("no JSON reading for " + target);
        }
        Class<?> type = (Class<?>) target;
        if (type == boolean.class || type == Boolean.class) {
            if (value == null) {
                return type == boolean.class ? Boolean.FALSE : null;
            }
            if (!(value instanceof Boolean)) {
                throw new InvalidRequestException(field, shown(value), "must be true or false");
            }
            return value;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            if (value == null) {
                if (type == int.class) {
                    return Integer.valueOf(0);
                }
                return type == long.class ? (Object) Long.valueOf(0) : null;
            }
            BigDecimal number = number(value, field);
            try {
                long exact = number.longValueExact();
                if (type == long.class || type == Long.class) {
                    return exact;
                }
                return Math.toIntExact(exact);
            } catch (ArithmeticException e) {
                throw new InvalidRequestException(field, Checks.numberText(number), "must be a whole number within "
                        + (type == int.class || type == Integer.class ? "the int range" : "the long range"));
            }
        }
        if (value == null) {
            return null;
        }
        if (type == String.class) {
            if (!(value instanceof String)) {
                throw new InvalidRequestException(field, shown(value), "must be a JSON string");
            }
            return value;
        }
        if (type == BigDecimal.class) {
            return number(value, field);
        }
        if (type == Instant.class) {
            try {
                return Instant.parse(text(value, field));
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(field, value, "is not an ISO-8601 instant (2026-03-03T10:00:00Z)");
            }
        }
        if (type == Duration.class) {
            try {
                return Duration.parse(text(value, field));
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(field, value, "is not an ISO-8601 duration (PT0.2S)");
            }
        }
        if (type.isEnum()) {
            String name = text(value, field);
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new InvalidRequestException(field, name, "is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type.isRecord()) {
            return build(type, value, field);
        }
        if (type == Record.class) {
            throw new InvalidRequestException(field, null, "is not readable (its record type is not known)");
        }
        throw new IllegalStateException("no JSON reading for " + type);
    }

    /** A number from a JSON number or a string holding one, exact. */
    private static BigDecimal number(Object value, String field) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof String text) {
            String shown = text.strip();
            if (shown.length() > 100) {
                throw new InvalidRequestException(field, text, "is not a number");
            }
            try {
                return new BigDecimal(shown);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException(field, text, "is not a number");
            }
        }
        throw new InvalidRequestException(field, shown(value), "must be a number or a string holding one");
    }

    private static String text(Object value, String field) {
        if (!(value instanceof String text)) {
            throw new InvalidRequestException(field, shown(value), "must be a JSON string");
        }
        return text;
    }

    private static Object shown(Object value) {
        if (value instanceof Map<?, ?>) {
            return "{...}";
        }
        if (value instanceof List<?>) {
            return "[...]";
        }
        return value instanceof BigDecimal number ? Checks.numberText(number) : value;
    }
}
