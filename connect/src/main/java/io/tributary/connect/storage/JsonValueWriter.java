package io.tributary.connect.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns Connect values into JSON trees the way Kafka Connect's JSON converter does: logical types as their stored
 * numbers (Decimal as base64 bytes or a number), bytes as base64, maps with string keys as objects and other maps as
 * arrays of {@code [key, value]} pairs, structs as objects of every field. Without a schema, the value's Java type
 * decides. Stateless and thread-safe.
 */
final class JsonValueWriter {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonDecimalFormat decimalFormat;
    private final boolean replaceNullWithDefault;

    JsonValueWriter(JsonDecimalFormat decimalFormat, boolean replaceNullWithDefault) {
        this.decimalFormat = decimalFormat;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * The JSON of {@code value}; a null value gives the schema's default (if {@code replace.null.with.default}) or
     * JSON null.
     *
     * @throws DataException if the value does not fit the schema, or a required value is null without default
     */
    JsonNode write(@Nullable Schema schema, @Nullable Object value) {
        if (value == null) {
            return writeNull(schema);
        }
        if (schema != null && schema.name() != null) {
            JsonNode logical = writeLogical(schema, schema.name(), value);
            if (logical != null) {
                return logical;
            }
        }
        Schema.Type type = schema != null ? schema.type() : typeOf(value);
        return switch (type) {
            case INT8 -> NODES.numberNode(cast(schema, value, Byte.class));
            case INT16 -> NODES.numberNode(cast(schema, value, Short.class));
            case INT32 -> NODES.numberNode(cast(schema, value, Integer.class));
            case INT64 -> NODES.numberNode(cast(schema, value, Long.class));
            case FLOAT32 -> NODES.numberNode(cast(schema, value, Float.class));
            case FLOAT64 -> NODES.numberNode(cast(schema, value, Double.class));
            case BOOLEAN -> NODES.booleanNode(cast(schema, value, Boolean.class));
            case STRING -> NODES.textNode(cast(schema, value, CharSequence.class).toString());
            case BYTES -> writeBytes(value);
            case ARRAY -> writeArray(schema, cast(schema, value, Collection.class));
            case MAP -> writeMap(schema, cast(schema, value, Map.class));
            case STRUCT -> writeStruct(schema, cast(schema, value, Struct.class));
        };
    }

    private JsonNode writeNull(@Nullable Schema schema) {
        if (schema == null) {
            return NODES.nullNode();
        }
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return write(schema, schema.defaultValue());
        }
        if (schema.isOptional()) {
            return NODES.nullNode();
        }
        throw new DataException("Conversion error: null value for field that is required and has no default value");
    }

    /** The stored form of a logical value, or null if {@code name} is no logical type this writer knows. */
    private @Nullable JsonNode writeLogical(Schema schema, String name, Object value) {
        switch (name) {
            case Decimal.LOGICAL_NAME -> {
                BigDecimal decimal = logical(value, BigDecimal.class, "Decimal", "BigDecimal");
                // fromLogical checks the scale in both formats, so a number never claims a scale it does not have
                byte[] unscaled = Decimal.fromLogical(schema, decimal);
                // DecimalNode keeps the scale as given: 1.50 stays 1.50, as in Kafka's exact node factory
                return decimalFormat == JsonDecimalFormat.NUMERIC ? DecimalNode.valueOf(decimal)
                    : NODES.binaryNode(unscaled);
            }
            case Date.LOGICAL_NAME -> {
                return NODES.numberNode(Date.fromLogical(schema, logical(value, java.util.Date.class, "Date", "Date")));
            }
            case Time.LOGICAL_NAME -> {
                return NODES.numberNode(Time.fromLogical(schema, logical(value, java.util.Date.class, "Time", "Date")));
            }
            case Timestamp.LOGICAL_NAME -> {
                return NODES.numberNode(Timestamp.fromLogical(schema,
                    logical(value, java.util.Date.class, "Timestamp", "Date")));
            }
            default -> {
                return null;
            }
        }
    }

    private static <T> T logical(Object value, Class<T> javaType, String logicalName, String expected) {
        if (!javaType.isInstance(value)) {
            throw new DataException("Invalid type for " + logicalName + ", expected " + expected + " but was "
                + value.getClass());
        }
        return javaType.cast(value);
    }

    private static JsonNode writeBytes(Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return NODES.binaryNode(Values.bytes(value));
        }
        throw new DataException("Invalid type for bytes type: " + value.getClass());
    }

    private ArrayNode writeArray(@Nullable Schema schema, Collection<?> elements) {
        Schema elementSchema = schema == null ? null : schema.valueSchema();
        ArrayNode out = NODES.arrayNode(elements.size());
        for (Object element : elements) {
            out.add(write(elementSchema, element));
        }
        return out;
    }

    private JsonNode writeMap(@Nullable Schema schema, Map<?, ?> map) {
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        boolean objectMode = schema == null ? map.keySet().stream().allMatch(k -> k instanceof String)
            : keySchema.type() == Schema.Type.STRING;
        if (objectMode) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> out.set(write(keySchema, k).asText(), write(valueSchema, v)));
            return out;
        }
        // JSON object keys are strings only, so other keys go as [key, value] pairs
        ArrayNode out = NODES.arrayNode(map.size());
        map.forEach((k, v) -> out.add(NODES.arrayNode(2).add(write(keySchema, k)).add(write(valueSchema, v))));
        return out;
    }

    private ObjectNode writeStruct(@Nullable Schema schema, Struct struct) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
        }
        ObjectNode out = NODES.objectNode();
        for (Field field : struct.schema().fields()) {
            out.set(field.name(), write(field.schema(), struct.getWithoutDefault(field.name())));
        }
        return out;
    }

    /** The schema type of a schemaless value's Java type. */
    private static Schema.Type typeOf(Object value) {
        Schema.Type type = Values.typeOf(value);
        if (type == null) {
            throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
        }
        return type;
    }

    private static <T> T cast(@Nullable Schema schema, Object value, Class<T> javaType) {
        if (!javaType.isInstance(value)) {
            throw new DataException("Invalid type for " + (schema == null ? "unknown schema" : schema.type()) + ": "
                + value.getClass());
        }
        return javaType.cast(value);
    }
}
