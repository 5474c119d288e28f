package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts the elements of a container to their common shape as Kafka's {@code Values.convertTo} does with no
 * source schema: numbers narrow or widen by Java casts, numbers become dates of that many days (Date) or
 * milliseconds (Time, Timestamp), dates stay as they are, and a null or a date where a plain number is expected
 * fails. Used by {@link ValueTextParser}; stateless and thread-safe.
 */
final class ValueAlignment {
    private ValueAlignment() {
    }

    /**
     * {@code value} as a value of {@code type}; {@code schema} names a logical type (it is null for a container
     * whose elements have no common schema).
     *
     * @throws DataException if it does not convert
     */
    static Object convert(Schema.Type type, @Nullable Schema schema, @Nullable Object value) {
        if (value == null) {
            throw new DataException("Unable to convert a null value to a schema that requires a value");
        }
        String name = schema == null ? null : schema.name();
        switch (type) {
            case INT8:
                return value instanceof Byte ? value : (byte) asLong(value);
            case INT16:
                return value instanceof Short ? value : (short) asLong(value);
            case INT32:
                if (Date.LOGICAL_NAME.equals(name)) {
                    return value instanceof java.util.Date ? value
                        : new java.util.Date((int) asLong(value) * ValueText.MILLIS_PER_DAY);
                }
                if (Time.LOGICAL_NAME.equals(name)) {
                    return value instanceof java.util.Date ? value : time((int) asLong(value));
                }
                return value instanceof Integer ? value : (int) asLong(value);
            case INT64:
                if (Timestamp.LOGICAL_NAME.equals(name)) {
                    return value instanceof java.util.Date ? value : new java.util.Date(asLong(value));
                }
                return value instanceof Long ? value : asLong(value);
            case FLOAT32:
                return value instanceof Float ? value : (float) asDouble(value);
            case FLOAT64:
                return value instanceof Double ? value : asDouble(value);
            case BOOLEAN:
                return value instanceof Boolean ? value : asLong(value) != 0;
            case STRING:
                return value instanceof String ? value : ValueText.format(value);
            case BYTES:
                // only Decimals merge into a BYTES shape, and they keep their own scale as in Kafka
                if (Decimal.LOGICAL_NAME.equals(name) && value instanceof BigDecimal) {
                    return value;
                }
                break;
            case ARRAY:
                if (value instanceof List) {
                    return value;
                }
                break;
            case MAP:
                if (value instanceof Map) {
                    return value;
                }
                break;
            default:
                break;
        }
        throw new DataException("Unable to convert " + value + " (" + value.getClass() + ") to " + type);
    }

    /** Kafka's Time conversion, which also accepts the millisecond that ends the day. */
    private static java.util.Date time(int millis) {
        if (millis < 0 || millis > ValueText.MILLIS_PER_DAY) {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than "
                + ValueText.MILLIS_PER_DAY);
        }
        return new java.util.Date(millis);
    }

    private static long asLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new DataException("Unable to convert " + value + " (" + value.getClass() + ") to a number");
    }

    private static double asDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new DataException("Unable to convert " + value + " (" + value.getClass() + ") to a number");
    }
}
