package io.tributary.serdes.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import java.io.IOException;

/**
 * JSON serdes on Jackson: a type bound with {@link #forType}, or any JSON as a {@link JsonNode} tree. The bytes
 * are plain UTF-8 JSON (no schema-registry prefix). Thread-safe: Jackson's readers and writers are.
 *
 * <pre>{@code
 * Serde<Order> orders = JsonSerdes.forType(Order.class);
 * }</pre>
 *
 * @since 0.1
 */
public final class JsonSerdes {
    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper().findAndRegisterModules();

    private JsonSerdes() {
    }

    /** Values of {@code type}, with a mapper that has every module on the classpath registered. */
    public static <T> Serde<T> forType(Class<T> type) {
        return forType(type, DEFAULT_MAPPER);
    }

    /** Values of {@code type}, with the caller's mapper (its configuration is used as it is at this call). */
    public static <T> Serde<T> forType(Class<T> type, ObjectMapper mapper) {
        requireNonNull(type, "type");
        requireNonNull(mapper, "mapper");
        ObjectWriter writer = mapper.writerFor(type);
        ObjectReader reader = mapper.readerFor(type);
        return Serde.of(
            (topic, value) -> value == null ? null : write(writer, topic, value),
            (topic, data) -> data == null ? null : read(reader, topic, data, type.getSimpleName()));
    }

    /**
     * Values of {@code type} in the schema-registry wire format, under {@code jsonSchema} (a JSON Schema
     * document), registered as {@code JSON} once per subject; the record name for the subject strategies is the
     * type's simple name. The registry checks compatibility between versions; values are not validated here.
     */
    public static <T> Serde<T> registry(Class<T> type, String jsonSchema, SchemaRegistryClient registry,
                                        RegistrySerdeOptions options) {
        requireNonNull(type, "type");
        requireNonNull(jsonSchema, "jsonSchema");
        requireNonNull(registry, "registry");
        requireNonNull(options, "options");
        return Serde.of(
            new RegistryJsonSerializer<>(registry, options, jsonSchema, type.getSimpleName(),
                DEFAULT_MAPPER.writerFor(type)),
            new RegistryJsonDeserializer<>(registry, DEFAULT_MAPPER.readerFor(type)));
    }

    /** Any JSON document, as a tree. */
    public static Serde<JsonNode> tree() {
        return forType(JsonNode.class, DEFAULT_MAPPER);
    }

    private static byte[] write(ObjectWriter writer, String topic, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write a " + value.getClass().getSimpleName() + " as JSON for "
                + topic + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String topic, byte[] data, String typeName) {
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new SerializationException("not JSON of a " + typeName + " in " + topic + ": " + e.getMessage(),
                e);
        }
    }
}
