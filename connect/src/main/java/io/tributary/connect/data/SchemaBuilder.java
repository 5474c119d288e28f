package io.tributary.connect.data;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.errors.DataException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Schema}. Each property may be set once; a second call fails, as does a field added to a
 * non-struct or a default that does not fit. Not thread-safe; {@link #build()} may be called repeatedly.
 *
 * <pre>{@code
 * Schema person = SchemaBuilder.struct().name("com.example.Person")
 *     .field("name", Schema.STRING_SCHEMA)
 *     .field("age", Schema.OPTIONAL_INT32_SCHEMA)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class SchemaBuilder {
    private final Schema.Type type;
    private boolean optional;
    private @Nullable Object defaultValue;
    private @Nullable String name;
    private @Nullable Integer version;
    private @Nullable String doc;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final List<Field> fields = new ArrayList<>();
    private @Nullable Schema keySchema;
    private @Nullable Schema valueSchema;

    public SchemaBuilder(Schema.Type type) {
        this.type = requireNonNull(type, "type");
    }

    public static SchemaBuilder type(Schema.Type type) {
        return new SchemaBuilder(type);
    }

    public static SchemaBuilder int8() {
        return new SchemaBuilder(Schema.Type.INT8);
    }

    public static SchemaBuilder int16() {
        return new SchemaBuilder(Schema.Type.INT16);
    }

    public static SchemaBuilder int32() {
        return new SchemaBuilder(Schema.Type.INT32);
    }

    public static SchemaBuilder int64() {
        return new SchemaBuilder(Schema.Type.INT64);
    }

    public static SchemaBuilder float32() {
        return new SchemaBuilder(Schema.Type.FLOAT32);
    }

    public static SchemaBuilder float64() {
        return new SchemaBuilder(Schema.Type.FLOAT64);
    }

    public static SchemaBuilder bool() {
        return new SchemaBuilder(Schema.Type.BOOLEAN);
    }

    public static SchemaBuilder string() {
        return new SchemaBuilder(Schema.Type.STRING);
    }

    public static SchemaBuilder bytes() {
        return new SchemaBuilder(Schema.Type.BYTES);
    }

    public static SchemaBuilder struct() {
        return new SchemaBuilder(Schema.Type.STRUCT);
    }

    public static SchemaBuilder array(Schema elements) {
        SchemaBuilder b = new SchemaBuilder(Schema.Type.ARRAY);
        b.valueSchema = requireNonNull(elements, "elements");
        return b;
    }

    public static SchemaBuilder map(Schema keys, Schema values) {
        SchemaBuilder b = new SchemaBuilder(Schema.Type.MAP);
        b.keySchema = requireNonNull(keys, "keys");
        b.valueSchema = requireNonNull(values, "values");
        return b;
    }

    /**
     * A builder holding every property of {@code schema} but its optionality and default, which the caller may set
     * anew (used by transforms that derive one schema from another).
     */
    public static SchemaBuilder copyOf(Schema schema) {
        SchemaBuilder b = new SchemaBuilder(schema.type());
        b.name = schema.name();
        b.version = schema.version();
        b.doc = schema.doc();
        b.parameters.putAll(schema.parameters());
        switch (schema.type()) {
            case STRUCT -> schema.fields().forEach(f -> b.field(f.name(), f.schema()));
            case ARRAY -> b.valueSchema = schema.valueSchema();
            case MAP -> {
                b.keySchema = schema.keySchema();
                b.valueSchema = schema.valueSchema();
            }
            default -> { }
        }
        return b;
    }

    public Schema.Type type() {
        return type;
    }

    /** Null is a valid value. */
    public SchemaBuilder optional() {
        optional = true;
        return this;
    }

    /** Null is not a valid value (the default). */
    public SchemaBuilder required() {
        optional = false;
        return this;
    }

    /**
     * The value used when none is given; {@link #build()} fails if it does not fit.
     *
     * @throws DataException if set twice
     */
    public SchemaBuilder defaultValue(@Nullable Object value) {
        once(defaultValue, "default value");
        defaultValue = value;
        return this;
    }

    public SchemaBuilder name(@Nullable String value) {
        once(name, "name");
        name = value;
        return this;
    }

    public SchemaBuilder version(@Nullable Integer value) {
        once(version, "version");
        version = value;
        return this;
    }

    public SchemaBuilder doc(@Nullable String value) {
        once(doc, "doc");
        doc = value;
        return this;
    }

    public SchemaBuilder parameter(String key, String value) {
        parameters.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
        return this;
    }

    public SchemaBuilder parameters(Map<String, String> values) {
        values.forEach(this::parameter);
        return this;
    }

    /** Adds a field to a struct schema. @throws DataException if not a struct or the name is taken */
    public SchemaBuilder field(String fieldName, Schema fieldSchema) {
        requireNonNull(fieldName, "fieldName");
        requireNonNull(fieldSchema, "fieldSchema");
        if (type != Schema.Type.STRUCT) {
            throw new DataException("Cannot add field \"" + fieldName + "\" to a " + type + " schema");
        }
        if (fields.stream().anyMatch(f -> f.name().equals(fieldName))) {
            throw new DataException("Cannot create field because of field name duplication " + fieldName);
        }
        fields.add(new Field(fieldName, fields.size(), fieldSchema));
        return this;
    }

    /** The fields added so far (structs only). */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    private static void once(@Nullable Object current, String what) {
        if (current != null) {
            throw new DataException("Invalid SchemaBuilder call: " + what + " has already been set to " + current);
        }
    }

    /** The schema. @throws DataException if the default value does not fit */
    public Schema build() {
        return new Schema(type, optional, defaultValue, name, version, doc, parameters, fields, keySchema,
            valueSchema);
    }
}
