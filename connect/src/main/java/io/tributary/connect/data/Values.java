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
