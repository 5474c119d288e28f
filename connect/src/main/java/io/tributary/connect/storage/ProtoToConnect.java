package io.tributary.connect.storage;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.errors.DataException;
import java.util.HashSet;
import java.util.Set;

/**
 * Derives the Connect schema of a Protobuf message that carries no Connect schema of its own (one written by another
 * producer): a struct named by the message's full name, with one field per message field in declaration order.
 * Fields with presence (proto3 {@code optional}, proto2, oneof members, messages) are optional; {@code repeated}
 * fields are required arrays, maps required maps; enums are strings; unsigned 32-bit integers widen to INT64 and
 * unsigned 64-bit ones keep their bits in INT64. The result follows {@link ConnectToProto}'s layout, so
 * {@link ProtobufValues} reads the message with it. Recursive messages have no Connect form. Not thread-safe.
 */
final class ProtoToConnect {
    private final Set<String> inProgress = new HashSet<>();

    private ProtoToConnect() {
    }

    /** The Connect schema of {@code message}. @throws DataException if it has no Connect form */
    static Schema translate(Descriptor message) {
        return new ProtoToConnect().struct(message).build();
    }

    private SchemaBuilder struct(Descriptor message) {
        if (!inProgress.add(message.getFullName())) {
            throw new DataException("Protobuf message " + message.getFullName() + " contains itself; Connect schemas "
                + "cannot be recursive");
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(message.getFullName());
        for (FieldDescriptor field : message.getFields()) {
            builder.field(field.getName(), field(field));
        }
        inProgress.remove(message.getFullName());
        return builder;
    }

    private Schema field(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            return SchemaBuilder.map(element(entry.findFieldByNumber(1)), element(entry.findFieldByNumber(2)))
                .build();
        }
        if (field.isRepeated()) {
            return SchemaBuilder.array(element(field)).build();
        }
        SchemaBuilder builder = single(field);
        if (field.hasPresence()) {
            builder.optional();
        }
        return builder.build();
    }

    /** A repeated element, map key or map value: always required. */
    private Schema element(FieldDescriptor field) {
        return single(field).build();
    }

    private SchemaBuilder single(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> SchemaBuilder.int32();
            case INT64, SINT64, SFIXED64, UINT32, FIXED32, UINT64, FIXED64 -> SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOL -> SchemaBuilder.bool();
            case STRING, ENUM -> SchemaBuilder.string();
            case BYTES -> SchemaBuilder.bytes();
            case MESSAGE -> struct(field.getMessageType());
            case GROUP -> throw new DataException("Protobuf groups have no Connect form: " + field.getFullName());
        };
    }
}
