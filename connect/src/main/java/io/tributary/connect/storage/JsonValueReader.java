package io.tributary.connect.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns JSON trees into Connect values the way Kafka Connect's JSON converter does; without a schema, objects become
 * maps, arrays lists, integral numbers {@link Long} and other numbers {@link Double}. Stateless and thread-safe.
 *
 * <p>Stricter than Kafka where Kafka reads garbage: a JSON value of the wrong kind (a string for a BOOLEAN, an object
 * for an ARRAY), an integer out of its type's range or with a fraction, and a Decimal number that cannot take the
 * schema's scale without rounding are errors; Kafka reads them as false, an empty list, a truncated number or a
 * decimal of another scale. Floating-point types also accept the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}, which is how the writer's JSON library writes those values.
 */
final class JsonValueReader {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final boolean replaceNullWithDefault;

    JsonValueReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * The Connect value of {@code json} (null or missing for a missing field).
     *
     * @throws DataException if the JSON does not fit the schema
     */
    @Nullable Object read(@Nullable Schema schema, @Nullable JsonNode json) {
        if (schema == null) {
            return readSchemaless(json);
        }
        if (json == null || json.isNull()) {
            if (schema.defaultValue() != null && replaceNullWithDefault) {
                return schema.defaultValue();
            }
            if (schema.isOptional()) {
                return null;
            }
            throw new DataException("Invalid null value for required " + schema.type() + " field");
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    return readDecimal(schema, json);
                }
                case Date.LOGICAL_NAME -> {
                    return Date.toLogical(schema, logicalInt(json, "Date"));
                }
                case Time.LOGICAL_NAME -> {
                    return Time.toLogical(schema, logicalInt(json, "Time"));
                }
                case Timestamp.LOGICAL_NAME -> {
                    if (!json.isIntegralNumber()) {
                        throw new DataException("Invalid type for Timestamp, underlying representation should be "
                            + "integral but was " + json.getNodeType());
                    }
                    return Timestamp.toLogical(schema, integral(json, Long.MIN_VALUE, Long.MAX_VALUE, schema));
                }
                default -> {
                    // not a logical type: read by its base type
                }
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) integral(json, Byte.MIN_VALUE, Byte.MAX_VALUE, schema);
            case INT16 -> (short) integral(json, Short.MIN_VALUE, Short.MAX_VALUE, schema);
            case INT32 -> (int) integral(json, Integer.MIN_VALUE, Integer.MAX_VALUE, schema);
            case INT64 -> integral(json, Long.MIN_VALUE, Long.MAX_VALUE, schema);
            case FLOAT32 -> (float) floating(json, schema);
            case FLOAT64 -> floating(json, schema);
            case BOOLEAN -> {
                expect(json.isBoolean(), "a JSON boolean", json, schema);
                yield json.booleanValue();
            }
            case STRING -> {
                expect(json.isTextual(), "a JSON string", json, schema);
                yield json.textValue();
            }
            case BYTES -> bytes(json, schema, "Invalid bytes field");
            case ARRAY -> readArray(schema.valueSchema(), json, schema);
            case MAP -> readMap(schema.keySchema(), schema.valueSchema(), json);
            case STRUCT -> readStruct(schema, json);
        };
    }

    private @Nullable Object readSchemaless(@Nullable JsonNode json) {
        if (json == null) {
            return null;
        }
        return switch (json.getNodeType()) {
            case NULL, MISSING -> null;
            case BOOLEAN -> json.booleanValue();
            case NUMBER -> json.isIntegralNumber() ? (Object) json.longValue() : (Object) json.doubleValue();
            case STRING -> json.textValue();
            case ARRAY -> readArray(null, json, null);
            case OBJECT -> readMap(null, null, json);
            default -> throw new DataException("Unknown schema type: null");
        };
    }

    private List<@Nullable Object> readArray(@Nullable Schema elementSchema, JsonNode json, @Nullable Schema schema) {
        expect(json.isArray(), "a JSON array", json, schema);
        List<@Nullable Object> out = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            out.add(read(elementSchema, element));
        }
        return out;
    }

    private Map<@Nullable Object, @Nullable Object> readMap(@Nullable Schema keySchema, @Nullable Schema valueSchema,
                                                            JsonNode json) {
        Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
        if (keySchema == null || keySchema.type() == Schema.Type.STRING) {
            if (!json.isObject()) {
                throw new DataException("Maps with string fields should be encoded as JSON objects, but found "
                    + json.getNodeType());
            }
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                out.put(e.getKey(), read(valueSchema, e.getValue()));
            }
            return out;
        }
        if (!json.isArray()) {
            throw new DataException("Maps with non-string fields should be encoded as JSON array of tuples, but found "
                + json.getNodeType());
        }
        for (JsonNode entry : json) {
            if (!entry.isArray()) {
                throw new DataException("Found invalid map entry instead of array tuple: " + entry.getNodeType());
            }
            if (entry.size() != 2) {
                throw new DataException("Found invalid map entry, expected length 2 but found :" + entry.size());
            }
            out.put(read(keySchema, entry.get(0)), read(valueSchema, entry.get(1)));
        }
        return out;
    }

    private Struct readStruct(Schema schema, JsonNode json) {
        if (!json.isObject()) {
            throw new DataException("Structs should be encoded as JSON objects, but found " + json.getNodeType());
        }
        Struct out = new Struct(schema);
        for (Field field : schema.fields()) {
            out.put(field, read(field.schema(), json.get(field.name())));
        }
        return out;
    }

    private static BigDecimal readDecimal(Schema schema, JsonNode json) {
        BigDecimal value;
        if (json.isNumber()) {
            value = json.decimalValue();
        } else if (json.isBinary() || json.isTextual()) {
            return Decimal.toLogical(schema, bytes(json, schema, "Invalid bytes for Decimal field"));
        } else {
            throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes "
                + "but was " + json.getNodeType());
        }
        int scale = Decimal.scale(schema);
        try {
            // a JSON number may carry fewer digits than the scale (1.5 for 1.50): widen it, never round
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DataException("Decimal " + value + " does not fit the schema's scale " + scale
                + " without rounding");
        }
    }

    private static int logicalInt(JsonNode json, String logicalName) {
        if (!json.isInt()) {
            throw new DataException("Invalid type for " + logicalName + ", underlying representation should be "
                + "integer but was " + json.getNodeType());
        }
        return json.intValue();
    }

    private static long integral(JsonNode json, long min, long max, Schema schema) {
        expect(json.isNumber(), "a JSON number", json, schema);
        BigInteger value;
        if (json.isIntegralNumber()) {
            value = json.bigIntegerValue();
        } else {
            BigDecimal decimal = json.decimalValue();
            if (decimal.stripTrailingZeros().scale() > 0) {
                throw new DataException("Expected an integer for " + schema.type() + " but found " + decimal);
            }
            value = decimal.toBigIntegerExact();
        }
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0 || value.longValue() < min
            || value.longValue() > max) {
            throw new DataException("Value " + value + " is out of range for " + schema.type());
        }
        return value.longValue();
    }

    private static double floating(JsonNode json, Schema schema) {
        if (json.isTextual()) {
            switch (json.textValue()) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    // not one of the special values: fails below
                }
            }
        }
        expect(json.isNumber(), "a JSON number", json, schema);
        return json.doubleValue();
    }

    private static byte[] bytes(JsonNode json, @Nullable Schema schema, String failure) {
        expect(json.isTextual() || json.isBinary(), "a base64 JSON string", json, schema);
        try {
            return json.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException(failure + ": " + e.getMessage(), e);
        }
    }

    private static void expect(boolean ok, String expected, JsonNode json, @Nullable Schema schema) {
        if (!ok) {
            throw new DataException("Expected " + expected + " for " + (schema == null ? "a schemaless value"
                : schema.type()) + " but found " + json.getNodeType());
        }
    }
}
