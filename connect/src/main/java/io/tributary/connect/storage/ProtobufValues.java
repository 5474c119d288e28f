package io.tributary.connect.storage;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts Connect structs to and from dynamic Protobuf messages along {@link ConnectToProto}'s layout: struct field
 * {@code i} is the message's {@code i}-th declared field, optional arrays and maps sit in wrapper messages, array
 * elements that are optional or containers in element messages, and maps are Protobuf maps or lists of entry
 * messages. A null value of a schema with a default is written as the default; an absent field with presence reads as
 * null. Stateless and thread-safe.
 */
final class ProtobufValues {
    private ProtobufValues() {
    }

    /** The message of a struct. @throws DataException if the value does not fit the schema */
    static DynamicMessage toMessage(Schema schema, Descriptor type, Struct struct) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema: a struct of " + struct.schema() + " for " + schema);
        }
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        for (Field field : schema.fields()) {
            setSingular(message, type.getFields().get(field.index()), field.schema(), struct.get(field));
        }
        return message.build();
    }

    private static void setSingular(DynamicMessage.Builder message, FieldDescriptor field, Schema schema,
                                    @Nullable Object value) {
        Object v = value != null ? value : schema.defaultValue();
        if (v == null) {
            if (!schema.isOptional()) {
                throw new DataException("Conversion error: null value for required " + schema.type() + " field "
                    + field.getName() + " without default value");
            }
            return;
        }
        switch (schema.type()) {
            case STRUCT -> message.setField(field, toMessage(schema, field.getMessageType(),
                cast(schema, v, Struct.class)));
            case ARRAY, MAP -> {
                if (!schema.isOptional()) {
                    setRepeated(message, field, schema, v);
                    return;
                }
                Descriptor wrapperType = field.getMessageType();
                DynamicMessage.Builder wrapper = DynamicMessage.newBuilder(wrapperType);
                setRepeated(wrapper, wrapperType.getFields().get(0), schema, v);
                message.setField(field, wrapper.build());
            }
            default -> message.setField(field, toScalar(schema, v));
        }
    }

    private static void setRepeated(DynamicMessage.Builder message, FieldDescriptor field, Schema schema, Object v) {
        if (schema.type() == Schema.Type.ARRAY) {
            Schema element = schema.valueSchema();
            for (Object e : cast(schema, v, Collection.class)) {
                message.addRepeatedField(field, element(field, element, e));
            }
            return;
        }
        Descriptor entryType = field.getMessageType();
        Map<?, ?> map = cast(schema, v, Map.class);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
            setSingular(entry, entryType.getFields().get(0), schema.keySchema(), e.getKey());
            setSingular(entry, entryType.getFields().get(1), schema.valueSchema(), e.getValue());
            message.addRepeatedField(field, entry.build());
        }
    }

    private static Object element(FieldDescriptor field, Schema element, @Nullable Object value) {
        if (!ConnectToProto.isDirectElement(element)) {
            Descriptor wrapperType = field.getMessageType();
            DynamicMessage.Builder wrapper = DynamicMessage.newBuilder(wrapperType);
            setSingular(wrapper, wrapperType.getFields().get(0), element, value);
            return wrapper.build();
        }
        Object v = value != null ? value : element.defaultValue();
        if (v == null) {
            throw new DataException("Conversion error: null element of an array of required " + element.type());
        }
        return element.type() == Schema.Type.STRUCT
            ? toMessage(element, field.getMessageType(), cast(element, v, Struct.class)) : toScalar(element, v);
    }

    /** The struct of a message. @throws DataException if the message does not fit the schema */
    static Struct toStruct(Schema schema, DynamicMessage message) {
        Struct out = new Struct(schema);
        List<FieldDescriptor> fields = message.getDescriptorForType().getFields();
        if (fields.size() != schema.fields().size()) {
            throw new DataException("Protobuf message " + message.getDescriptorForType().getFullName() + " has "
                + fields.size() + " fields, but its Connect schema " + schema.fields().size());
        }
        for (Field field : schema.fields()) {
            out.put(field, readSingular(field.schema(), fields.get(field.index()), message));
        }
        return out;
    }

    private static @Nullable Object readSingular(Schema schema, FieldDescriptor field, DynamicMessage message) {
        switch (schema.type()) {
            case ARRAY, MAP -> {
                if (!schema.isOptional() || field.isRepeated()) {
                    return readRepeated(schema, field, message);
                }
                if (!message.hasField(field)) {
                    return null;
                }
                DynamicMessage wrapper = (DynamicMessage) message.getField(field);
                return readRepeated(schema, wrapper.getDescriptorForType().getFields().get(0), wrapper);
            }
            case STRUCT -> {
                if (!message.hasField(field) && schema.isOptional()) {
                    return null;
                }
                // an absent required message reads as its default instance, as Protobuf itself reads it
                return toStruct(schema, (DynamicMessage) message.getField(field));
            }
            default -> {
                if (field.hasPresence() && !message.hasField(field)) {
                    return null;
                }
                return fromScalar(schema, field, message.getField(field));
            }
        }
    }

    private static Object readRepeated(Schema schema, FieldDescriptor field, DynamicMessage message) {
        int count = message.getRepeatedFieldCount(field);
        if (schema.type() == Schema.Type.ARRAY) {
            Schema element = schema.valueSchema();
            List<@Nullable Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Object raw = message.getRepeatedField(field, i);
                if (!ConnectToProto.isDirectElement(element)) {
                    DynamicMessage wrapper = (DynamicMessage) raw;
                    out.add(readSingular(element, wrapper.getDescriptorForType().getFields().get(0), wrapper));
                } else if (element.type() == Schema.Type.STRUCT) {
                    out.add(toStruct(element, (DynamicMessage) raw));
                } else {
                    out.add(fromScalar(element, field, raw));
                }
            }
            return out;
        }
        Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            DynamicMessage entry = (DynamicMessage) message.getRepeatedField(field, i);
            List<FieldDescriptor> parts = entry.getDescriptorForType().getFields();
            out.put(readSingular(schema.keySchema(), parts.get(0), entry),
                readSingular(schema.valueSchema(), parts.get(1), entry));
        }
        return out;
    }

    private static Object toScalar(Schema schema, Object value) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    return ByteString.copyFrom(Decimal.fromLogical(schema, cast(schema, value, BigDecimal.class)));
                }
                case Date.LOGICAL_NAME -> {
                    return Date.fromLogical(schema, cast(schema, value, java.util.Date.class));
                }
                case Time.LOGICAL_NAME -> {
                    return Time.fromLogical(schema, cast(schema, value, java.util.Date.class));
                }
                case Timestamp.LOGICAL_NAME -> {
                    return Timestamp.fromLogical(schema, cast(schema, value, java.util.Date.class));
                }
                default -> {
                    // not a logical type: written as its base type
                }
            }
        }
        return switch (schema.type()) {
            case INT8 -> (int) cast(schema, value, Byte.class);
            case INT16 -> (int) cast(schema, value, Short.class);
            case INT32 -> cast(schema, value, Integer.class);
            case INT64 -> cast(schema, value, Long.class);
            case FLOAT32 -> cast(schema, value, Float.class);
            case FLOAT64 -> cast(schema, value, Double.class);
            case BOOLEAN -> cast(schema, value, Boolean.class);
            case STRING -> cast(schema, value, CharSequence.class).toString();
            case BYTES -> {
                if (!(value instanceof byte[]) && !(value instanceof ByteBuffer)) {
                    throw new DataException("Invalid type for BYTES: " + value.getClass());
                }
                yield ByteString.copyFrom(Values.bytes(value));
            }
            default -> throw new IllegalArgumentException("not a primitive: " + schema.type());
        };
    }

    private static Object fromScalar(Schema schema, FieldDescriptor field, Object raw) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    byte[] unscaled = ((ByteString) raw).toByteArray();
                    // proto3 drops an empty bytes field, so no bytes at all is a zero
                    return new BigDecimal(unscaled.length == 0 ? BigInteger.ZERO : new BigInteger(unscaled),
                        Decimal.scale(schema));
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, ((Number) raw).intValue());
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, ((Number) raw).intValue());
                }
                case Timestamp.LOGICAL_NAME -> {
                    return Timestamp.toLogical(schema, ((Number) raw).longValue());
                }
                default -> {
                    // not a logical type: read as its base type
                }
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) ((Number) raw).intValue();
            case INT16 -> (short) ((Number) raw).intValue();
            case INT32 -> ((Number) raw).intValue();
            case INT64 -> raw instanceof Integer i && unsigned32(field) ? Integer.toUnsignedLong(i)
                : ((Number) raw).longValue();
            case FLOAT32 -> ((Number) raw).floatValue();
            case FLOAT64 -> ((Number) raw).doubleValue();
            case BOOLEAN -> (Boolean) raw;
            case STRING -> raw instanceof EnumValueDescriptor e ? e.getName() : (String) raw;
            case BYTES -> ((ByteString) raw).toByteArray();
            default -> throw new IllegalArgumentException("not a primitive: " + schema.type());
        };
    }

    private static boolean unsigned32(FieldDescriptor field) {
        FieldDescriptor.Type type = field.getType();
        return type == FieldDescriptor.Type.UINT32 || type == FieldDescriptor.Type.FIXED32;
    }

    private static <T> T cast(Schema schema, Object value, Class<T> javaType) {
        if (!javaType.isInstance(value)) {
            throw new DataException("Invalid type for " + schema.type()
                + (schema.name() == null ? "" : " (" + schema.name() + ")") + ": " + value.getClass());
        }
        return javaType.cast(value);
    }
}
