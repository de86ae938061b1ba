package dev.payafter.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one of payafter's records exactly as {@code dev.payafter.internal.Json} writes it into the audit log: its
 * components by name in declaration order, money ({@link BigDecimal}) as a string ({@code "199.00"}), enums by
 * name, times in ISO-8601, an empty {@link Optional} or a missing value as {@code null}.
 */
final class RecordSerializer extends StdSerializer<Record> {
    private static final long serialVersionUID = 1L;

    RecordSerializer() {
        super(Record.class);
    }

    @Override
    public void serialize(Record value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        write(gen, value);
    }

    static void write(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof Optional<?> optional) {
            write(gen, optional.orElse(null));
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Integer i) {
            gen.writeNumber(i);
        } else if (value instanceof Long l) {
            gen.writeNumber(l);
        } else if (value instanceof BigDecimal d) {
            gen.writeString(d.scale() >= -100 && d.scale() <= 100 ? d.toPlainString() : d.toString());
        } else if (value instanceof Enum<?> e) {
            gen.writeString(e.name());
        } else if (value instanceof Record record) {
            gen.writeStartObject();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                gen.writeFieldName(component.getName());
                Object item;
                try {
                    item = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
                write(gen, item);
            }
            gen.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                gen.writeFieldName(String.valueOf(entry.getKey()));
                write(gen, entry.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            gen.writeStartArray();
            for (Object item : collection) {
                write(gen, item);
            }
            gen.writeEndArray();
        } else if (value instanceof TemporalAccessor || value instanceof Duration || value instanceof CharSequence) {
            gen.writeString(value.toString());
        } else {
            gen.writeString(String.valueOf(value));
        }
    }
}
