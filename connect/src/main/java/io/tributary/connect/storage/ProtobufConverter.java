package io.tributary.connect.storage;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.protobuf.ProtoSchemaPrinter;
import io.tributary.serdes.registry.RegisteredSchema;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Connect structs and Protobuf in the schema registry's wire format (magic byte 0, the 4-byte schema
 * id, the message-index list, the message), readable by serdes' {@code ProtobufSerdes} and Confluent's
 * deserializers. A proto3 message is generated from the struct's schema (see {@link ConnectToProto} for the layout:
 * fields numbered in order, nested structs as nested messages, optional primitives as proto3 {@code optional},
 * logical types as their stored int32, int64 or bytes) and registered under the subject the naming strategy gives,
 * with the message's full name as record name. The Connect schema itself is written, as Kafka Connect's JSON schema,
 * in a comment line before the message, so data written here reads back with the very schema it was written with;
 * messages of other producers are read with a schema derived from their {@code .proto} (imports other than
 * Protobuf's well-known types, groups and recursive messages are not supported).
 *
 * <p>Only structs are written: a record value of another type is a {@link DataException}.
 *
 * <p>Settings: as {@link AvroConverter}: {@code schema.registry.url} (required unless a client is given),
 * {@code auto.register.schemas} (true), {@code key.subject.name.strategy} and {@code value.subject.name.strategy}
 * ({@code TopicNameStrategy}), {@code schema.registry.request.timeout.ms} (10000).
 *
 * <p><strong>Blocking:</strong> the first record of each schema waits for the registry; later ones use cached answers.
 * The runtime calls converters from task threads, never event loops, so this is safe there. A registry that cannot be
 * reached fails the call with a retriable exception, one that refuses the schema with a {@link DataException}.
 *
 * <p>Needs {@code com.google.protobuf:protobuf-java} and {@code com.github.ben-manes.caffeine:caffeine} on the
 * classpath (optional dependencies of this module). Configure once before use; afterwards thread-safe.
 *
 * @since 0.1
 */
public final class ProtobufConverter implements Converter {
    private static final String TYPE = "PROTOBUF";
    /** Marks the comment holding the Connect schema of the message after it. */
    static final String SCHEMA_COMMENT = "connect.schema: ";

    private final @Nullable SchemaRegistryClient givenClient;
    private final LruCache<Schema, Writer> writers = new LruCache<>(1000);
    private final Map<Integer, ProtoParser.Parsed> files = new ConcurrentHashMap<>();
    private final Map<Descriptor, Schema> derived = new ConcurrentHashMap<>();
    private volatile @Nullable RegistryAccess registry;

    /** A struct schema ready to write: its message type and the {@code .proto} text registered for it. */
    private record Writer(Descriptor type, String text) {
    }

    /** A converter that connects to {@code schema.registry.url}. */
    public ProtobufConverter() {
        this.givenClient = null;
    }

    /** A converter that uses {@code registry} (shared, and cached across converters) instead of a URL. */
    public ProtobufConverter(SchemaRegistryClient registry) {
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
     * The framed message of a struct; null for a null value (a tombstone), whatever the schema.
     *
     * @throws DataException if there is a value but no struct schema, the value does not fit it, or the registry
     *                       refuses the schema
     */
    @Override
    public byte @Nullable [] fromConnectData(String topic, @Nullable Schema schema, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("ProtobufConverter needs a struct schema to write a value of "
                + value.getClass().getName() + " to " + topic);
        }
        Writer writer = writers.get(schema);
        if (writer == null) {
            writer = writer(schema);
            writers.put(schema, writer);
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("ProtobufConverter writes structs, not " + value.getClass().getName());
        }
        int id = registry().id(topic, writer.type().getFullName(), TYPE, writer.text());
        byte[] message = ProtobufValues.toMessage(schema, writer.type(), struct).toByteArray();
        // the message-index list of the first message in the file is the single byte 0
        byte[] payload = new byte[message.length + 1];
        System.arraycopy(message, 0, payload, 1, message.length);
        return WireFormat.frame(id, payload);
    }

    /**
     * The Connect data of a framed message; {@link SchemaAndValue#NULL} for null.
     *
     * @throws DataException if the bytes are not a framed message of a registered Protobuf schema
     */
    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        int id;
        ByteBuffer payload;
        List<Integer> path;
        try {
            id = WireFormat.schemaId(topic, value);
            payload = WireFormat.payload(value);
            path = indexes(payload, topic);
        } catch (SerializationException e) {
            throw new DataException(e.getMessage(), e);
        }
        ProtoParser.Parsed file = files.get(id);
        if (file == null) {
            // fetched outside the map's lock: two threads may both fetch a new id, which the client's cache absorbs
            file = parse(registry().schema(id, TYPE, topic));
            files.putIfAbsent(id, file);
        }
        Descriptor type = messageAt(file.file(), path, id);
        Schema schema = schemaOf(file, path, type);
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(type, CodedInputStream.newInstance(payload));
        } catch (IOException e) {  // InvalidProtocolBufferException, as the input is in memory
            throw new DataException("Not a Protobuf " + type.getFullName() + " in " + topic + ": " + e.getMessage(),
                e);
        }
        return new SchemaAndValue(schema, ProtobufValues.toStruct(schema, message));
    }

    /** The text registered for a struct schema and its message type. Package-private for tests. */
    static String schemaText(Schema schema) {
        return writer(schema).text();
    }

    /** The message type generated for a struct schema. Package-private for tests. */
    static Descriptor messageType(Schema schema) {
        return writer(schema).type();
    }

    private static Writer writer(Schema schema) {
        FileDescriptor file = ConnectToProto.translate(schema);
        String text = ProtoSchemaPrinter.print(file, SCHEMA_COMMENT + JsonText.schema(schema));
        return new Writer(file.getMessageTypes().get(0), text);
    }

    private Schema schemaOf(ProtoParser.Parsed file, List<Integer> path, Descriptor type) {
        String comment = file.firstComment();
        if (path.equals(List.of(0)) && comment != null && comment.startsWith(SCHEMA_COMMENT)) {
            try {
                Schema embedded = JsonText.schema(comment.substring(SCHEMA_COMMENT.length()));
                if (embedded.type() == Schema.Type.STRUCT && embedded.fields().size() == type.getFields().size()) {
                    return embedded;
                }
            } catch (DataException e) {
                // not a schema this converter wrote: derive one from the message instead
            }
        }
        return derived.computeIfAbsent(type, ProtoToConnect::translate);
    }

    private static ProtoParser.Parsed parse(RegisteredSchema registered) {
        try {
            return ProtoParser.parse(registered.schema());
        } catch (DataException e) {
            throw new DataException("Schema " + registered.id() + ": " + e.getMessage(), e);
        }
    }

    private static Descriptor messageAt(FileDescriptor file, List<Integer> path, int id) {
        List<Descriptor> candidates = file.getMessageTypes();
        Descriptor type = null;
        for (int index : path) {
            if (index < 0 || index >= candidates.size()) {
                throw new DataException("Message index " + path + " does not exist in schema " + id);
            }
            type = candidates.get(index);
            candidates = type.getNestedTypes();
        }
        if (type == null) {
            throw new DataException("Empty message-index list for schema " + id);
        }
        return type;
    }

    /** Reads the message-index list at the buffer's position, leaving it at the message. */
    private static List<Integer> indexes(ByteBuffer in, String topic) {
        int count = zigzag(in, topic);
        if (count == 0) {
            return List.of(0);
        }
        if (count < 0 || count > in.remaining()) {
            throw new DataException("Bad Protobuf message-index count " + count + " in " + topic);
        }
        List<Integer> path = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            path.add(zigzag(in, topic));
        }
        return path;
    }

    private static int zigzag(ByteBuffer in, String topic) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new DataException("Truncated Protobuf message-index list in " + topic);
            }
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new DataException("Malformed Protobuf message-index varint in " + topic);
    }

    private RegistryAccess registry() {
        RegistryAccess access = registry;
        if (access == null) {
            throw new IllegalStateException("ProtobufConverter is not configured");
        }
        return access;
    }
}
