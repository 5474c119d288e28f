package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The Decimal logical type: a {@link BigDecimal} of a fixed scale (the {@value #SCALE_FIELD} parameter), stored as
 * the big-endian two's-complement bytes of its unscaled value.
 *
 * @since 0.1
 */
public final class Decimal {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Decimal";
    public static final String SCALE_FIELD = "scale";

    private Decimal() {
    }

    /** A builder for a Decimal schema of {@code scale}. */
    public static SchemaBuilder builder(int scale) {
        return SchemaBuilder.bytes().name(LOGICAL_NAME).parameter(SCALE_FIELD, Integer.toString(scale)).version(1);
    }

    public static Schema schema(int scale) {
        return builder(scale).build();
    }

    /** The stored bytes of {@code value}. @throws DataException if its scale is not the schema's */
    public static byte[] fromLogical(Schema schema, BigDecimal value) {
        int scale = scale(schema);
        if (value.scale() != scale) {
            throw new DataException("BigDecimal has mismatching scale value for given Decimal schema: expected "
                + scale + ", was " + value.scale());
        }
        return value.unscaledValue().toByteArray();
    }

    public static BigDecimal toLogical(Schema schema, byte[] value) {
        return new BigDecimal(new BigInteger(value), scale(schema));
    }

    /** The schema's scale. @throws DataException if the parameter is missing or not a number */
    public static int scale(Schema schema) {
        String scale = schema.parameters().get(SCALE_FIELD);
        if (scale == null) {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }
        try {
            return Integer.parseInt(scale);
        } catch (NumberFormatException e) {
            throw new DataException("Invalid scale parameter found in Decimal schema: " + scale, e);
        }
    }
}
