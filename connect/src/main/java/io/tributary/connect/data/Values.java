package io.tributary.connect.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Helpers on Connect values.
 *
 * @since 0.1
 */
public final class Values {
    private Values() {
    }

    /**
     * Equality of Connect values that compares byte arrays and buffers by content, lists and maps element by
     * element, arrays deeply.
     */
    public static boolean deepEquals(@Nullable Object a, @Nullable Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if ((a instanceof byte[] || a instanceof ByteBuffer) && (b instanceof byte[] || b instanceof ByteBuffer)) {
            return Arrays.equals(bytes(a), bytes(b));
        }
        if (a instanceof Object[] x && b instanceof Object[] y) {
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!deepEquals(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * A hash code consistent with {@link #deepEquals}: byte arrays and buffers hash by content, lists and maps element
     * by element.
     */
    public static int deepHashCode(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Arrays.hashCode(bytes(value));
        }
        if (value instanceof Object[] || value instanceof List<?>) {
            Iterable<?> elements = value instanceof Object[] a ? Arrays.asList(a) : (List<?>) value;
            int hash = 1;
            for (Object element : elements) {
                hash = 31 * hash + deepHashCode(element);
            }
            return hash;
        }
        if (value instanceof Map<?, ?> map) {
            int hash = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                hash += Objects.hashCode(e.getKey()) ^ deepHashCode(e.getValue());
            }
            return hash;
        }
        return value.hashCode();
    }

    /** The content of a {@code byte[]} or {@link ByteBuffer} (its remaining bytes, position untouched). */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /**
     * The text form of a value, as Kafka Connect's {@code Values.convertToString} writes it and
     * {@link #parseString} reads it back: {@code SimpleHeaderConverter} writes header values so. Strings are
     * themselves; numbers and booleans their {@link String#valueOf(Object) string value}; bytes ({@code byte[]}, or a
     * {@link ByteBuffer}'s remaining bytes) Base64; lists {@code [a,b]} and maps and structs {@code {k:v}}, with
     * strings inside quoted (backslash and quote escaped by a backslash), bytes inside quoted and nulls inside as
     * {@code null}; {@link java.util.Date} values, in UTC, {@code HH:mm:ss.SSS'Z'} before the end of 1970-01-01
     * (earlier instants included), {@code yyyy-MM-dd} at any later midnight, else
     * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}. The schema is not consulted: the text depends on the Java value alone, as
     * in Kafka.
     *
     * @param schema the value's schema; unused, and may be null
     * @return the text, or null for a null value
     * @throws io.tributary.connect.errors.DataException for a Java type Connect does not have
     */
    public static @Nullable String convertToString(@Nullable Schema schema, @Nullable Object value) {
        return value == null ? null : ValueText.format(value);
    }

    /**
     * A value and a schema inferred from its text form, as Kafka Connect's {@code Values.parseString} infers them:
     * {@code true}/{@code false} BOOLEAN; whole numbers the narrowest of INT8 to INT64 that holds them; other
     * numbers FLOAT32, or FLOAT64 or a Decimal when too large; ISO dates, times and timestamps the Date, Time and
     * Timestamp types; {@code [...]} an ARRAY and {@code {...}} a MAP of values read the same way (strings quoted,
     * numbers widened to a common type); {@code null} (and a null text) {@link SchemaAndValue#NULL}; the empty text
     * and anything else a STRING of the whole text. Kafka's quirks are kept, so that both sides of a header agree:
     * for instance {@code 1.0} reads as INT8 1 and {@code 12:30} as INT8 12. A list or map whose elements have no
     * common type (or are all null) has no schema, where Kafka gives an ARRAY or MAP schema without element schema;
     * so has one whose elements Kafka's schema does not describe (nested lists or maps of different element types).
     *
     * @param text the text; may be null
     * @return the value with its schema; never null
     */
    public static SchemaAndValue parseString(@Nullable String text) {
        return text == null ? SchemaAndValue.NULL : ValueTextParser.parse(text);
    }

    /**
     * The Connect type of a schemaless value by its Java class, or null if Connect has none for it (logical values
     * such as {@link java.math.BigDecimal} and {@link java.util.Date} included, which need a schema).
     */
    public static Schema.@Nullable Type typeOf(Object value) {
        if (value instanceof Byte) {
            return Schema.Type.INT8;
        } else if (value instanceof Short) {
            return Schema.Type.INT16;
        } else if (value instanceof Integer) {
            return Schema.Type.INT32;
        } else if (value instanceof Long) {
            return Schema.Type.INT64;
        } else if (value instanceof Float) {
            return Schema.Type.FLOAT32;
        } else if (value instanceof Double) {
            return Schema.Type.FLOAT64;
        } else if (value instanceof Boolean) {
            return Schema.Type.BOOLEAN;
        } else if (value instanceof String) {
            return Schema.Type.STRING;
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            return Schema.Type.BYTES;
        } else if (value instanceof List) {
            return Schema.Type.ARRAY;
        } else if (value instanceof Map) {
            return Schema.Type.MAP;
        } else if (value instanceof Struct) {
            return Schema.Type.STRUCT;
        }
        return null;
    }
}
