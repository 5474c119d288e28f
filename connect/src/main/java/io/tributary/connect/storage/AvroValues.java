package io.tributary.connect.storage;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * Converts values between Connect and Avro's generic representation along the schema mapping of
 * {@link ConnectToAvro} and {@link AvroToConnect}: structs and records, INT8 and INT16 as ints, logical types as their
 * stored numbers and bytes, bytes as {@link ByteBuffer}, maps with other than string keys as lists of entry records.
 * A null value of a schema with a default is written as the default. Stateless and thread-safe.
 */
final class AvroValues {
    private static final org.apache.avro.Schema STRING =
        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);

    private AvroValues() {
    }

    /** The Avro datum of a Connect value. @throws DataException if the value does not fit the schema */
    static @Nullable Object toAvro(Schema schema, org.apache.avro.Schema avro, @Nullable Object value) {
        Object v = value != null ? value : schema.defaultValue();
        if (v == null) {
            if (!schema.isOptional()) {
                throw new DataException("Conversion error: null value for required " + schema.type()
                    + " without default value");
            }
            return null;
        }
        org.apache.avro.Schema type = avro.getType() == org.apache.avro.Schema.Type.UNION ? nonNull(avro) : avro;
        Object logical = logicalToStored(schema, v);
        if (logical != null) {
            return logical instanceof byte[] b ? ByteBuffer.wrap(b) : logical;
        }
        return switch (schema.type()) {
            case INT8 -> (int) cast(schema, v, Byte.class);
            case INT16 -> (int) cast(schema, v, Short.class);
            case INT32 -> cast(schema, v, Integer.class);
            case INT64 -> cast(schema, v, Long.class);
            case FLOAT32 -> cast(schema, v, Float.class);
            case FLOAT64 -> cast(schema, v, Double.class);
            case BOOLEAN -> cast(schema, v, Boolean.class);
            case STRING -> cast(schema, v, CharSequence.class).toString();
            case BYTES -> ByteBuffer.wrap(bytes(schema, v));
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object element : cast(schema, v, Collection.class)) {
                    out.add(toAvro(schema.valueSchema(), type.getElementType(), element));
                }
                yield out;
            }
            case MAP -> map(schema, type, cast(schema, v, Map.class));
            case STRUCT -> {
                Struct struct = cast(schema, v, Struct.class);
                if (!struct.schema().equals(schema)) {
                    throw new DataException("Mismatching schema: a struct of " + struct.schema() + " for " + schema);
                }
                GenericData.Record record = new GenericData.Record(type);
                for (Field field : schema.fields()) {
                    record.put(field.index(), toAvro(field.schema(), type.getFields().get(field.index()).schema(),
                        struct.get(field)));
                }
                yield record;
            }
        };
    }

    private static Object map(Schema schema, org.apache.avro.Schema avro, Map<?, ?> map) {
        if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put((String) toAvro(schema.keySchema(), STRING, k),
                toAvro(schema.valueSchema(), avro.getValueType(), val)));
            return out;
        }
        org.apache.avro.Schema entry = avro.getElementType();
        List<Object> out = new ArrayList<>();
        map.forEach((k, val) -> {
            GenericData.Record record = new GenericData.Record(entry);
            record.put(0, toAvro(schema.keySchema(), entry.getFields().get(0).schema(), k));
            record.put(1, toAvro(schema.valueSchema(), entry.getFields().get(1).schema(), val));
            out.add(record);
        });
        return out;
    }

    /** The Connect value of an Avro datum. @throws DataException if the datum does not fit the schema */
    static @Nullable Object toConnect(Schema schema, @Nullable Object datum) {
        if (datum == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    return new BigDecimal(new BigInteger(avroBytes(datum)), Decimal.scale(schema));
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, ((Number) datum).intValue());
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, ((Number) datum).intValue());
                }
                case Timestamp.LOGICAL_NAME -> {
                    return Timestamp.toLogical(schema, ((Number) datum).longValue());
                }
                default -> {
                    // not a logical type: read by the base type
                }
            }
        }
        try {
            return switch (schema.type()) {
                case INT8 -> ((Number) datum).byteValue();
                case INT16 -> ((Number) datum).shortValue();
                case INT32 -> ((Number) datum).intValue();
                case INT64 -> ((Number) datum).longValue();
                case FLOAT32 -> ((Number) datum).floatValue();
                case FLOAT64 -> ((Number) datum).doubleValue();
                case BOOLEAN -> (Boolean) datum;
                case STRING -> datum instanceof GenericEnumSymbol<?> symbol ? symbol.toString()
                    : ((CharSequence) datum).toString();
                case BYTES -> avroBytes(datum);
                case ARRAY -> {
                    List<@Nullable Object> out = new ArrayList<>();
                    for (Object element : (Collection<?>) datum) {
                        out.add(toConnect(schema.valueSchema(), element));
                    }
                    yield out;
                }
                case MAP -> connectMap(schema, datum);
                case STRUCT -> {
                    GenericRecord record = (GenericRecord) datum;
                    Struct out = new Struct(schema);
                    for (Field field : schema.fields()) {
                        out.put(field, toConnect(field.schema(), record.get(field.index())));
                    }
                    yield out;
                }
            };
        } catch (ClassCastException e) {
            throw new DataException("Avro datum of " + datum.getClass().getName() + " does not fit " + schema, e);
        }
    }

    private static Map<@Nullable Object, @Nullable Object> connectMap(Schema schema, Object datum) {
        Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
        if (datum instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(toConnect(schema.keySchema(), k), toConnect(schema.valueSchema(), v)));
        } else {
            for (Object entry : (Collection<?>) datum) {
                GenericRecord record = (GenericRecord) entry;
                out.put(toConnect(schema.keySchema(), record.get(0)), toConnect(schema.valueSchema(), record.get(1)));
            }
        }
        return out;
    }

    /**
     * A Connect default as Avro's {@code Schema.Field} takes it (JSON-like Java: maps for records, lists, byte arrays
     * for bytes).
     */
    static @Nullable Object toDefault(Schema schema, @Nullable Object value) {
        if (value == null) {
            return org.apache.avro.JsonProperties.NULL_VALUE;
        }
        Object logical = logicalToStored(schema, value);
        if (logical != null) {
            return logical instanceof byte[] b ? latin1(b) : logical;
        }
        return switch (schema.type()) {
            case INT8 -> ((Byte) value).intValue();
            case INT16 -> ((Short) value).intValue();
            case BYTES -> latin1(bytes(schema, value));
            case STRING -> value.toString();
            case ARRAY -> {
                List<@Nullable Object> out = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    out.add(toDefault(schema.valueSchema(), element));
                }
                yield out;
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                if (ConnectToAvro.isAvroMap(schema)) {
                    Map<String, @Nullable Object> out = new LinkedHashMap<>();
                    map.forEach((k, v) -> out.put((String) k, toDefault(schema.valueSchema(), v)));
                    yield out;
                }
                List<Object> out = new ArrayList<>();
                map.forEach((k, v) -> {
                    Map<String, @Nullable Object> entry = new LinkedHashMap<>();
                    entry.put("key", toDefault(schema.keySchema(), k));
                    entry.put("value", toDefault(schema.valueSchema(), v));
                    out.add(entry);
                });
                yield out;
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                Map<String, @Nullable Object> out = new LinkedHashMap<>();
                for (Field field : schema.fields()) {
                    out.put(Identifiers.sanitize(field.name()), toDefault(field.schema(), struct.get(field)));
                }
                yield out;
            }
            default -> value;
        };
    }

    /** Bytes as Avro writes them in JSON defaults: one ISO-8859-1 character per byte. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The stored form of a logical value (unscaled bytes, days, millis), or null if the schema is no logical type. */
    private static @Nullable Object logicalToStored(Schema schema, Object value) {
        String name = schema.name();
        if (name == null) {
            return null;
        }
        return switch (name) {
            case Decimal.LOGICAL_NAME -> Decimal.fromLogical(schema, cast(schema, value, BigDecimal.class));
            case Date.LOGICAL_NAME -> Date.fromLogical(schema, cast(schema, value, java.util.Date.class));
            case Time.LOGICAL_NAME -> Time.fromLogical(schema, cast(schema, value, java.util.Date.class));
            case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, cast(schema, value, java.util.Date.class));
            default -> null;
        };
    }

    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema union) {
        for (org.apache.avro.Schema branch : union.getTypes()) {
            if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
                return branch;
            }
        }
        throw new DataException("Avro union " + union + " has no branch but null");
    }

    private static byte[] bytes(Schema schema, Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Values.bytes(value);
        }
        throw new DataException("Invalid type for " + schema.type() + ": " + value.getClass());
    }

    private static byte[] avroBytes(Object datum) {
        if (datum instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        return Values.bytes(datum);
    }

    private static <T> T cast(Schema schema, Object value, Class<T> javaType) {
        if (!javaType.isInstance(value)) {
            throw new DataException("Invalid type for " + schema.type()
                + (schema.name() == null ? "" : " (" + schema.name() + ")") + ": " + value.getClass());
        }
        return javaType.cast(value);
    }
}
