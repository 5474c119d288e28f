package io.tributary.connect.storage;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.DataException;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegisteredSchema;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Connect data and Avro in the schema registry's wire format (magic byte 0, the 4-byte schema id,
 * the Avro binary), readable by serdes' {@code AvroSerdes} and Confluent's deserializers. The Connect schema is
 * translated to an Avro schema (structs as records, optional as unions with null, Decimal as {@code bytes} with the
 * {@code decimal} logical type, Date, Time and Timestamp as {@code date}, {@code time-millis} and
 * {@code timestamp-millis}, INT8 and INT16 as ints, maps with non-string keys as arrays of entry records), which is
 * registered under the subject the naming strategy gives. Connect details Avro lacks ride as {@code connect.*}
 * properties, so data written here reads back with the very schema it was written with; schemas from other
 * producers are read as Avro describes them.
 *
 * <p>Settings: {@code schema.registry.url} (required unless a client is given), {@code auto.register.schemas}
 * (true), {@code key.subject.name.strategy} and {@code value.subject.name.strategy} ({@code TopicNameStrategy}, or
 * {@code RecordNameStrategy} or {@code TopicRecordNameStrategy}; Confluent's class names work),
 * {@code schema.registry.request.timeout.ms} (10000).
 *
 * <p><strong>Blocking:</strong> the first record of each schema waits for the registry (registering or looking up a
 * schema, fetching one by id); later ones use cached answers. The runtime calls converters from task threads, never
 * from event loops, so this is safe there; do not call it on an event loop. A registry that cannot be reached fails
 * the call with a retriable exception, one that refuses the schema with a {@link DataException}.
 *
 * <p>Needs {@code org.apache.avro:avro} and {@code com.github.ben-manes.caffeine:caffeine} on the classpath (optional
 * dependencies of this module). Configure once before use; afterwards thread-safe.
 *
 * @since 0.1
 */
public final class AvroConverter implements Converter {
    private static final String TYPE = "AVRO";

    private final @Nullable SchemaRegistryClient givenClient;
    private final LruCache<Schema, Writer> writers = new LruCache<>(1000);
    private final Map<Integer, Reader> readers = new ConcurrentHashMap<>();
    private volatile @Nullable RegistryAccess registry;

    /** A schema ready to write: its Avro form and text, and datum writer; ids are looked up per topic. */
    private record Writer(org.apache.avro.Schema avro, String text, String recordName,
                          GenericDatumWriter<Object> datumWriter) {
    }

    /** A registered schema ready to read: its Connect form and datum reader. */
    private record Reader(Schema connect, GenericDatumReader<Object> datumReader) {
    }

    /** A converter that connects to {@code schema.registry.url}. */
    public AvroConverter() {
        this.givenClient = null;
    }

    /** A converter that uses {@code registry} (shared, and cached across converters) instead of a URL. */
    public AvroConverter(SchemaRegistryClient registry) {
        this.givenClient = requireNonNull(registry, "registry");
    }

    @Override
    public ConfigDef config() {
        return RegistryAccess.define(new ConfigDef(), givenClient == null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry = RegistryAccess.of(config().parse(configs), isKey, givenClient);
    }

    /**
     * The framed Avro of a value; null for a null value (a tombstone), whatever the schema.
     *
     * @throws DataException if there is a value but no schema, the schema has no Avro form, the value does not fit
     *                       it, or the registry refuses it
     */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("AvroConverter needs a schema to write a value of " + value.getClass().getName()
                + " to " + topic + "; use a converter without schemas (such as JsonConverter with "
                + "schemas.enable=false) for schemaless data");
        }
        Writer writer = writers.get(schema);
        if (writer == null) {
            writer = writer(schema);
            writers.put(schema, writer);
        }
        int id = registry().id(topic, writer.recordName(), TYPE, writer.text());
        Object datum = AvroValues.toAvro(schema, writer.avro(), value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(WireFormat.MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.datumWriter().write(datum, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException e) {
            throw new DataException("Cannot write Avro " + writer.recordName() + " for " + topic + ": "
                + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The Connect data of framed Avro, with the Connect schema of the writer's registered schema;
     * {@link SchemaAndValue#NULL} for null.
     *
     * @throws DataException if the bytes are not framed Avro of a registered Avro schema
     */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        int id;
        try {
            id = WireFormat.schemaId(topic, value);
        } catch (SerializationException e) {
            throw new DataException(e.getMessage(), e);
        }
        Reader reader = readers.get(id);
        if (reader == null) {
            // fetched outside the map's lock: two threads may both fetch a new id, which the client's cache absorbs
            reader = reader(registry().schema(id, TYPE, topic));
            readers.putIfAbsent(id, reader);
        }
        ByteBuffer payload = WireFormat.payload(value);
        Object datum;
        try {
            datum = reader.datumReader().read(null, DecoderFactory.get().binaryDecoder(payload.array(),
                payload.arrayOffset() + payload.position(), payload.remaining(), null));
        } catch (IOException | RuntimeException e) {
            throw new DataException("Cannot read Avro of schema " + id + " in " + topic + ": " + e, e);
        }
        return new SchemaAndValue(reader.connect(), AvroValues.toConnect(reader.connect(), datum));
    }

    private RegistryAccess registry() {
        RegistryAccess access = registry;
        if (access == null) {
            throw new IllegalStateException("AvroConverter is not configured");
        }
        return access;
    }

    private static Writer writer(Schema schema) {
        org.apache.avro.Schema avro = ConnectToAvro.translate(schema);
        org.apache.avro.Schema named = avro.getType() == org.apache.avro.Schema.Type.UNION
            ? avro.getTypes().get(avro.getTypes().get(0).getType() == org.apache.avro.Schema.Type.NULL ? 1 : 0)
            : avro;
        return new Writer(avro, avro.toString(), named.getFullName(),
            new GenericDatumWriter<>(avro, GenericData.get()));
    }

    private static Reader reader(RegisteredSchema registered) {
        org.apache.avro.Schema avro;
        try {
            avro = new org.apache.avro.Schema.Parser().parse(registered.schema());
        } catch (SchemaParseException e) {
            throw new DataException("Schema " + registered.id() + " is no valid Avro schema: " + e.getMessage(), e);
        }
        return new Reader(AvroToConnect.translate(avro), new GenericDatumReader<>(avro, avro, GenericData.get()));
    }
}
