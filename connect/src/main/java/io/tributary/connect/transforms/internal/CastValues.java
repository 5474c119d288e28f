package io.tributary.connect.transforms.internal;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.data.Values;
import io.tributary.connect.errors.DataException;
import java.text.SimpleDateFormat;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Casts one primitive value to another primitive type as Kafka Connect's {@code Cast} does: numbers narrow or widen
 * with Java's conversions (wrapping, no range check), booleans become 1 or 0, strings parse, logical Date, Time and
 * Timestamp values cast through their stored number, Decimal values through their numeric value, and bytes cast only
 * to Base64 strings. Stateless.
 */
public final class CastValues {
    /** The types a value may be cast from. */
    public static final Set<Schema.Type> INPUT_TYPES = EnumSet.of(Schema.Type.INT8, Schema.Type.INT16,
        Schema.Type.INT32, Schema.Type.INT64, Schema.Type.FLOAT32, Schema.Type.FLOAT64, Schema.Type.BOOLEAN,
        Schema.Type.STRING, Schema.Type.BYTES);

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private CastValues() {
    }

    /** A builder of the plain schema of a cast's target type. */
    public static SchemaBuilder builderFor(Schema.Type target) {
        if (!CastSpec.OUTPUT_TYPES.contains(target)) {
            throw new DataException("Unexpected type in Cast transformation: " + target);
        }
        return SchemaBuilder.type(target);
    }

    /**
     * {@code value} cast to {@code target}; null stays null.
     *
     * @param schema the value's schema, or null to infer its type from its Java class
     * @throws DataException if the value's type cannot be cast from, or a string does not parse or is out of range
     */
    public static @Nullable Object cast(@Nullable Schema schema, @Nullable Object value, Schema.Type target) {
        if (value == null) {
            return null;
        }
        Schema.Type source = schema == null ? Values.typeOf(value) : schema.type();
        if (source == null) {
            throw new DataException("Cast transformation was passed a value of type " + value.getClass()
                + " which is not supported by Connect's data API");
        }
        if (!INPUT_TYPES.contains(source)) {
            throw new DataException("Cast transformation does not support casting from " + source
                + "; supported types are " + INPUT_TYPES);
        }
        Object plain = schema != null && schema.name() != null && target != Schema.Type.STRING
            ? storedForm(schema, value) : value;
        try {
            return switch (target) {
                case INT8 -> toNumber(plain, target).byteValue();
                case INT16 -> toNumber(plain, target).shortValue();
                case INT32 -> toNumber(plain, target).intValue();
                case INT64 -> toNumber(plain, target).longValue();
                case FLOAT32 -> toNumber(plain, target).floatValue();
                case FLOAT64 -> toNumber(plain, target).doubleValue();
                case BOOLEAN -> toBoolean(plain);
                case STRING -> toText(plain);
                default -> throw new DataException(target + " is not supported in the Cast transformation.");
            };
        } catch (NumberFormatException e) {
            throw new DataException("Value (" + value + ") was out of range for requested data type", e);
        }
    }

    /** A Date, Time or Timestamp as the number it is stored as; other values unchanged. */
    private static Object storedForm(Schema schema, Object value) {
        String name = schema.name();
        if (Date.LOGICAL_NAME.equals(name)) {
            return Date.fromLogical(schema, (java.util.Date) value);
        } else if (Time.LOGICAL_NAME.equals(name)) {
            return Time.fromLogical(schema, (java.util.Date) value);
        } else if (Timestamp.LOGICAL_NAME.equals(name)) {
            return Timestamp.fromLogical(schema, (java.util.Date) value);
        }
        return value;
    }

    /** A number, boolean (1 or 0) or string parsed as the target type, as a {@link Number}. */
    private static Number toNumber(Object value, Schema.Type target) {
        if (value instanceof Number n) {
            return n;
        } else if (value instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (value instanceof String s) {
            // Parse as the target type itself so that out-of-range strings fail instead of wrapping.
            return switch (target) {
                case INT8 -> Byte.parseByte(s);
                case INT16 -> Short.parseShort(s);
                case INT32 -> Integer.parseInt(s);
                case INT64 -> Long.parseLong(s);
                case FLOAT32 -> Float.parseFloat(s);
                default -> Double.parseDouble(s);
            };
        }
        throw new DataException("Unexpected type in Cast transformation: " + value.getClass());
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Number n) {
            return n.longValue() != 0L;
        } else if (value instanceof Boolean b) {
            return b;
        } else if (value instanceof String s) {
            return Boolean.parseBoolean(s);
        }
        throw new DataException("Unexpected type in Cast transformation: " + value.getClass());
    }

    private static String toText(Object value) {
        if (value instanceof java.util.Date date) {
            return isoFormatFor(date).format(date);
        } else if (value instanceof byte[] || value instanceof java.nio.ByteBuffer) {
            return Base64.getEncoder().encodeToString(Values.bytes(value));
        }
        return value.toString();
    }

    /**
     * The ISO 8601 form Kafka Connect chooses by the value: a time on the epoch day (or before it), a date at
     * midnight, else a timestamp. Formatted in UTC, which the {@code Z} suffix claims.
     */
    private static SimpleDateFormat isoFormatFor(java.util.Date date) {
        long millis = date.getTime();
        String pattern = millis < MILLIS_PER_DAY ? "HH:mm:ss.SSS'Z'"
            : millis % MILLIS_PER_DAY == 0 ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    }
}
