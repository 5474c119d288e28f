package io.tributary.serdes.avro;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro serdes: raw Avro binary with a schema both sides agree on, or the schema-registry wire format, where the
 * writer's schema travels by id and readers resolve it to their own (schema evolution).
 *
 * <pre>{@code
 * SchemaRegistryClient registry = SchemaRegistryClient.create("http://localhost:8081");
 * Serde<Order> orders = AvroSerdes.specific(Order.class, registry, RegistrySerdeOptions.forValues());
 * }</pre>
 *
 * <p>Registry serdes resolve ids without blocking in {@code serializeAsync}/{@code deserializeAsync}, which
 * Tributary's producer and consumer call; their synchronous methods only use ids already resolved.
 *
 * @since 0.1
 */
public final class AvroSerdes {
    private AvroSerdes() {
    }

    /** Generic records in raw Avro binary, written and read with {@code schema}. */
    public static Serde<GenericRecord> generic(Schema schema) {
        requireNonNull(schema, "schema");
        return Serde.of(
            (topic, record) -> record == null ? null : AvroCodec.encode(schema, record, topic),
            (topic, data) -> data == null ? null
                : (GenericRecord) AvroCodec.decode(schema, schema, ByteBuffer.wrap(data), null, topic));
    }

    /** Generic records in the registry wire format, read as the writer's schema. */
    public static Serde<GenericRecord> generic(SchemaRegistryClient registry, RegistrySerdeOptions options) {
        return Serde.of(new RegistryAvroSerializer<>(requireNonNull(registry, "registry"),
            requireNonNull(options, "options")), new RegistryAvroDeserializer<>(registry, null, null));
    }

    /** Generic records in the registry wire format, resolved to {@code readerSchema} when read. */
    public static Serde<GenericRecord> generic(SchemaRegistryClient registry, RegistrySerdeOptions options,
                                               Schema readerSchema) {
        return Serde.of(new RegistryAvroSerializer<>(requireNonNull(registry, "registry"),
                requireNonNull(options, "options")),
            new RegistryAvroDeserializer<>(registry, requireNonNull(readerSchema, "readerSchema"), null));
    }

    /** Specific (generated) records in the registry wire format, resolved to the class's schema when read. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient registry,
                                                               RegistrySerdeOptions options) {
        requireNonNull(type, "type");
        Schema schema = schemaOf(type);
        return Serde.of(new RegistryAvroSerializer<>(requireNonNull(registry, "registry"),
            requireNonNull(options, "options")), new RegistryAvroDeserializer<>(registry, schema, type));
    }

    /** Specific records in raw Avro binary with the class's schema. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type) {
        requireNonNull(type, "type");
        Schema schema = schemaOf(type);
        return Serde.of(
            (topic, record) -> record == null ? null : AvroCodec.encode(schema, record, topic),
            (topic, data) -> data == null ? null
                : (T) AvroCodec.decode(schema, schema, ByteBuffer.wrap(data), type, topic));
    }

    private static Schema schemaOf(Class<?> type) {
        Schema schema = SpecificData.get().getSchema(type);
        if (schema == null) {
            throw new SerializationException("no Avro schema for " + type.getName());
        }
        return schema;
    }
}
