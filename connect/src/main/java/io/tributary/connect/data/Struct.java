package io.tributary.connect.data;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.DataException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A value of a struct schema: one value per field, each checked against its field's schema when put. Reads of an
 * unset field give the field's default. Not thread-safe while being filled; treat as immutable once handed on.
 *
 * @since 0.1
 */
public final class Struct {
    private final Schema schema;
    private final @Nullable Object[] values;

    /** An empty struct of {@code schema}. @throws DataException if it is not a struct schema */
    public Struct(Schema schema) {
        this.schema = requireNonNull(schema, "schema");
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("Not a struct schema: " + schema);
        }
        this.values = new Object[schema.fields().size()];
    }

    public Schema schema() {
        return schema;
    }

    /** Sets a field. @throws DataException if there is no such field or the value does not fit its schema */
    public Struct put(String fieldName, @Nullable Object value) {
        return put(lookup(fieldName), value);
    }

    /** Sets a field of this struct's schema. @throws DataException if the value does not fit */
    public Struct put(Field field, @Nullable Object value) {
        requireNonNull(field, "field");
        if (!field.equals(schema.field(field.name()))) {
            throw new DataException(field.name() + " is not a valid field of " + schema);
        }
        Schema.validateValue(field.name(), field.schema(), value);
        values[field.index()] = value;
        return this;
    }

    /** A field's value, or its schema's default if unset. @throws DataException if there is no such field */
    public @Nullable Object get(String fieldName) {
        return get(lookup(fieldName));
    }

    public @Nullable Object get(Field field) {
        Object value = values[field.index()];
        return value == null ? field.schema().defaultValue() : value;
    }

    /** A field's value as set, ignoring defaults. */
    public @Nullable Object getWithoutDefault(String fieldName) {
        return values[lookup(fieldName).index()];
    }

    public @Nullable Byte getInt8(String fieldName) {
        return typed(fieldName, Schema.Type.INT8, Byte.class);
    }

    public @Nullable Short getInt16(String fieldName) {
        return typed(fieldName, Schema.Type.INT16, Short.class);
    }

    public @Nullable Integer getInt32(String fieldName) {
        return typed(fieldName, Schema.Type.INT32, Integer.class);
    }

    public @Nullable Long getInt64(String fieldName) {
        return typed(fieldName, Schema.Type.INT64, Long.class);
    }

    public @Nullable Float getFloat32(String fieldName) {
        return typed(fieldName, Schema.Type.FLOAT32, Float.class);
    }

    public @Nullable Double getFloat64(String fieldName) {
        return typed(fieldName, Schema.Type.FLOAT64, Double.class);
    }

    public @Nullable Boolean getBoolean(String fieldName) {
        return typed(fieldName, Schema.Type.BOOLEAN, Boolean.class);
    }

    public @Nullable String getString(String fieldName) {
        return typed(fieldName, Schema.Type.STRING, String.class);
    }

    public @Nullable Struct getStruct(String fieldName) {
        return typed(fieldName, Schema.Type.STRUCT, Struct.class);
    }

    @SuppressWarnings("unchecked")
    public <T> @Nullable List<T> getArray(String fieldName) {
        return typed(fieldName, Schema.Type.ARRAY, List.class);
    }

    @SuppressWarnings("unchecked")
    public <K, V> @Nullable Map<K, V> getMap(String fieldName) {
        return typed(fieldName, Schema.Type.MAP, Map.class);
    }

    private <T> @Nullable T typed(String fieldName, Schema.Type type, Class<T> javaType) {
        Field field = lookup(fieldName);
        if (field.schema().type() != type) {
            throw new DataException("Field \"" + fieldName + "\" is of type " + field.schema().type() + ", not "
                + type);
        }
        return javaType.cast(get(field));
    }

    private Field lookup(String fieldName) {
        requireNonNull(fieldName, "fieldName");
        Field field = schema.field(fieldName);
        if (field == null) {
            throw new DataException(fieldName + " is not a valid field name");
        }
        return field;
    }

    /** Checks that every required field without default is set. @throws DataException naming the first that is not */
    public void validate() {
        for (Field field : schema.fields()) {
            Schema.validateValue(field.name(), field.schema(), get(field));
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Struct s && schema.equals(s.schema) && Values.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Values.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(",", "Struct{", "}");
        for (Field field : schema.fields()) {
            Object value = values[field.index()];
            if (value != null) {
                out.add(field.name() + "=" + (value instanceof byte[] b ? Arrays.toString(b) : value));
            }
        }
        return out.toString();
    }
}
