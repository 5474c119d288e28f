package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The type of a Connect value: a primitive, an array of one element schema, a map of key and value schemas, or a
 * struct of named fields; optional or not, with an optional default, a name (which names logical types such as
 * {@link Decimal}), a version, documentation and string parameters. Immutable; build with {@link SchemaBuilder}.
 *
 * <p>Java types per {@link Type}: INT8 {@link Byte}, INT16 {@link Short}, INT32 {@link Integer}, INT64
 * {@link Long}, FLOAT32 {@link Float}, FLOAT64 {@link Double}, BOOLEAN {@link Boolean}, STRING {@link String}, BYTES
 * {@code byte[]} or {@link ByteBuffer}, ARRAY {@link List}, MAP {@link Map}, STRUCT {@link Struct}. Logical types
 * use their own Java type on their base type (Decimal {@link java.math.BigDecimal} on BYTES, Date, Time and
 * Timestamp {@link java.util.Date} on INT32/INT64).
 *
 * @since 0.1
 */
public final class Schema {
    /** The type of a schema; {@link #isPrimitive()} for all but ARRAY, MAP and STRUCT. */
    public enum Type {
        INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES, ARRAY, MAP, STRUCT;

        /** Whether values of this type are not containers. */
        public boolean isPrimitive() {
            return this != ARRAY && this != MAP && this != STRUCT;
        }

        /** The lower-case name Kafka Connect's JSON envelope uses ({@code "int32"}, {@code "struct"}). */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Schema INT8_SCHEMA = SchemaBuilder.int8().build();
    public static final Schema INT16_SCHEMA = SchemaBuilder.int16().build();
    public static final Schema INT32_SCHEMA = SchemaBuilder.int32().build();
    public static final Schema INT64_SCHEMA = SchemaBuilder.int64().build();
    public static final Schema FLOAT32_SCHEMA = SchemaBuilder.float32().build();
    public static final Schema FLOAT64_SCHEMA = SchemaBuilder.float64().build();
    public static final Schema BOOLEAN_SCHEMA = SchemaBuilder.bool().build();
    public static final Schema STRING_SCHEMA = SchemaBuilder.string().build();
    public static final Schema BYTES_SCHEMA = SchemaBuilder.bytes().build();
    public static final Schema OPTIONAL_INT8_SCHEMA = SchemaBuilder.int8().optional().build();
    public static final Schema OPTIONAL_INT16_SCHEMA = SchemaBuilder.int16().optional().build();
    public static final Schema OPTIONAL_INT32_SCHEMA = SchemaBuilder.int32().optional().build();
    public static final Schema OPTIONAL_INT64_SCHEMA = SchemaBuilder.int64().optional().build();
    public static final Schema OPTIONAL_FLOAT32_SCHEMA = SchemaBuilder.float32().optional().build();
    public static final Schema OPTIONAL_FLOAT64_SCHEMA = SchemaBuilder.float64().optional().build();
    public static final Schema OPTIONAL_BOOLEAN_SCHEMA = SchemaBuilder.bool().optional().build();
    public static final Schema OPTIONAL_STRING_SCHEMA = SchemaBuilder.string().optional().build();
    public static final Schema OPTIONAL_BYTES_SCHEMA = SchemaBuilder.bytes().optional().build();

    private final Type type;
    private final boolean optional;
    private final @Nullable Object defaultValue;
    private final @Nullable String name;
    private final @Nullable Integer version;
    private final @Nullable String doc;
    private final Map<String, String> parameters;
    private final List<Field> fields;
    private final @Nullable Schema keySchema;
    private final @Nullable Schema valueSchema;

    Schema(Type type, boolean optional, @Nullable Object defaultValue, @Nullable String name,
           @Nullable Integer version, @Nullable String doc, Map<String, String> parameters, List<Field> fields,
           @Nullable Schema keySchema, @Nullable Schema valueSchema) {
        this.type = type;
        this.optional = optional;
        this.name = name;
        this.version = version;
        this.doc = doc;
        this.parameters = Map.copyOf(parameters);
        this.fields = List.copyOf(fields);
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        if (defaultValue != null) {
            validateValue(this, defaultValue);
        }
        this.defaultValue = defaultValue;
    }

    public Type type() {
        return type;
    }

    public boolean isOptional() {
        return optional;
    }

    public @Nullable Object defaultValue() {
        return defaultValue;
    }

    /** The schema's name; logical types are recognised by it (e.g. {@value Decimal#LOGICAL_NAME}). */
    public @Nullable String name() {
        return name;
    }

    public @Nullable Integer version() {
        return version;
    }

    public @Nullable String doc() {
        return doc;
    }

    /** Free-form string parameters (a Decimal's {@code scale}); empty if none. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A struct's fields in order. @throws DataException if this is not a struct schema */
    public List<Field> fields() {
        requireType(Type.STRUCT, "fields");
        return fields;
    }

    /** A struct's field by name, or null. @throws DataException if this is not a struct schema */
    public @Nullable Field field(String fieldName) {
        requireType(Type.STRUCT, "field");
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }

    /** A map's key schema. @throws DataException if this is not a map schema */
    public Schema keySchema() {
        requireType(Type.MAP, "keySchema");
        return Objects.requireNonNull(keySchema);
    }

    /** An array's element schema or a map's value schema. @throws DataException for other types */
    public Schema valueSchema() {
        if (type != Type.ARRAY && type != Type.MAP) {
            throw new DataException("Cannot look up the value schema of a non-array, non-map schema: " + this);
        }
        return Objects.requireNonNull(valueSchema);
    }

    private void requireType(Type expected, String what) {
        if (type != expected) {
            throw new DataException("Cannot look up " + what + " of a " + type + " schema, only of a " + expected);
        }
    }

    /**
     * Checks that {@code value} fits {@code schema}: its Java type, nulls only where optional, struct values
     * built on an equal schema, container elements recursively.
     *
     * @throws DataException naming what does not fit
     */
    public static void validateValue(Schema schema, @Nullable Object value) {
        validateValue(null, schema, value);
    }

    /** As {@link #validateValue(Schema, Object)}, naming {@code field} in the message. */
    public static void validateValue(@Nullable String field, Schema schema, @Nullable Object value) {
        String where = field == null ? "" : " for field \"" + field + "\"";
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("Invalid value: null used for required field" + where + ", schema type: "
                    + schema.type());
            }
            return;
        }
        if (!LogicalTypes.accepts(schema, value)) {
            throw new DataException("Invalid Java object for schema" + where + " with type " + schema.type()
                + (schema.name() == null ? "" : " (" + schema.name() + ")") + ": " + value.getClass());
        }
        switch (schema.type()) {
            case ARRAY -> {
                for (Object element : (Collection<?>) value) {
                    validateValue(field, schema.valueSchema(), element);
                }
            }
            case MAP -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    validateValue(field, schema.keySchema(), e.getKey());
                    validateValue(field, schema.valueSchema(), e.getValue());
                }
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                if (!struct.schema().equals(schema)) {
                    throw new DataException("Struct schemas do not match" + where);
                }
                struct.validate();
            }
            default -> { }
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Schema s)) {
            return false;
        }
        return type == s.type && optional == s.optional && Objects.equals(name, s.name)
            && Objects.equals(version, s.version) && Objects.equals(doc, s.doc)
            && parameters.equals(s.parameters) && fields.equals(s.fields)
            && Objects.equals(keySchema, s.keySchema) && Objects.equals(valueSchema, s.valueSchema)
            && Values.deepEquals(defaultValue, s.defaultValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, optional, name, version, doc, parameters, fields, keySchema, valueSchema);
    }

    @Override
    public String toString() {
        return name == null ? "Schema{" + type + (optional ? ", optional" : "") + "}"
            : "Schema{" + name + ":" + type + (optional ? ", optional" : "") + "}";
    }
}
