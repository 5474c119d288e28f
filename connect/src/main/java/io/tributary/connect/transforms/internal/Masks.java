package io.tributary.connect.transforms.internal;

import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The masked forms of values for {@code MaskField}: the "empty" value of the value's type (0, false, "", epoch,
 * empty list or map), or a configured replacement converted to the value's type. Stateless.
 */
public final class Masks {
    private Masks() {
    }

    /**
     * The empty value of {@code value}'s type.
     *
     * @throws DataException for types without one (bytes, structs)
     */
    public static Object empty(Object value) {
        if (value instanceof Boolean) {
            return Boolean.FALSE;
        } else if (value instanceof Byte) {
            return (byte) 0;
        } else if (value instanceof Short) {
            return (short) 0;
        } else if (value instanceof Integer) {
            return 0;
        } else if (value instanceof Long) {
            return 0L;
        } else if (value instanceof Float) {
            return 0f;
        } else if (value instanceof Double) {
            return 0d;
        } else if (value instanceof BigInteger) {
            return BigInteger.ZERO;
        } else if (value instanceof BigDecimal) {
            return BigDecimal.ZERO;
        } else if (value instanceof String) {
            return "";
        } else if (value instanceof List) {
            return new ArrayList<>();
        } else if (value instanceof Map) {
            return new HashMap<>();
        } else if (value.getClass() == java.util.Date.class) {
            return new java.util.Date(0);
        }
        throw new DataException("Cannot mask value of type: " + value.getClass());
    }

    /**
     * {@code replacement} converted to {@code value}'s type: numbers parse as decimals and then narrow like a Java
     * cast (so {@code 1.9} masks an int as 1), strings are kept as they are.
     *
     * @throws DataException for non-numeric, non-string values, or a replacement that is not a number
     */
    public static Object replacement(Object value, String replacement) {
        try {
            if (value instanceof String) {
                return replacement;
            } else if (value instanceof BigDecimal) {
                return new BigDecimal(replacement);
            } else if (value instanceof BigInteger) {
                return new BigInteger(replacement);
            } else if (value instanceof Byte) {
                return new BigDecimal(replacement).byteValue();
            } else if (value instanceof Short) {
                return new BigDecimal(replacement).shortValue();
            } else if (value instanceof Integer) {
                return new BigDecimal(replacement).intValue();
            } else if (value instanceof Long) {
                return new BigDecimal(replacement).longValue();
            } else if (value instanceof Float) {
                return (float) new BigDecimal(replacement).doubleValue();
            } else if (value instanceof Double) {
                return new BigDecimal(replacement).doubleValue();
            }
        } catch (NumberFormatException e) {
            throw new DataException("Unable to convert " + replacement + " to a number", e);
        }
        throw new DataException("Cannot mask value of type " + value.getClass() + " with custom replacement.");
    }

    /** {@link #replacement} if one is configured, else {@link #empty}; null stays null. */
    public static @Nullable Object mask(@Nullable Object value, @Nullable String replacement) {
        if (value == null) {
            return null;
        }
        return replacement == null ? empty(value) : replacement(value, replacement);
    }
}
