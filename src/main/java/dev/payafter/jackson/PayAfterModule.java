package dev.payafter.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;

/**
 * Jackson support for payafter's requests, decisions and their parts (every record of the {@code dev.payafter}
 * packages): written and read in the one shape of the audit log (rules/README.md, "Requests and decisions as
 * JSON"). Money is a string with its 2 decimals ({@code "199.00"}); enums by name; times in ISO-8601; an empty
 * {@code Optional} as {@code null}. A request that breaks an invariant is an {@link InvalidRequestJsonException}
 * naming the field and the value.
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().addModule(new PayAfterModule()).build();
 * EligibilityRequest request = mapper.readValue(body, EligibilityRequest.class);
 * String json = mapper.writeValueAsString(engine.decide(request));
 * }</pre>
 *
 * Only payafter's own records are affected: the host's {@code BigDecimal}s and types keep their usual handling.
 */
public final class PayAfterModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public PayAfterModule() {
        super("payafter", Version.unknownVersion());
    }

    /** A mapper with just this module: what the analyst tool and tests use. */
    public static JsonMapper mapper() {
        return JsonMapper.builder().addModule(new PayAfterModule()).build();
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                    BeanDescription description) {
                return ours(type.getRawClass()) ? new RecordSerializer() : null;
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                    BeanDescription description) {
                Class<?> raw = type.getRawClass();
                return ours(raw) ? deserializer(raw.asSubclass(Record.class)) : null;
            }
        });
    }

    private static <T extends Record> RecordDeserializer<T> deserializer(Class<T> type) {
        return new RecordDeserializer<>(type);
    }

    /** A record of payafter's public packages (not its internals). */
    static boolean ours(Class<?> type) {
        String name = type.getName();
        return type.isRecord() && name.startsWith("dev.payafter.") && !name.startsWith("dev.payafter.internal.")
                && !name.startsWith("dev.payafter.facts.");
    }
}
