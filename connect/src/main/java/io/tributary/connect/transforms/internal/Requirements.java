package io.tributary.connect.transforms.internal;

import io.tributary.connect.ConnectRecord;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.sink.SinkRecord;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a key or value has the shape a transform needs, failing with a {@link DataException} that names the
 * transform's purpose and what was found. Stateless.
 */
public final class Requirements {
    private Requirements() {
    }

    /** {@code value} as a schemaless map. @throws DataException if it is not a map */
    @SuppressWarnings("unchecked")
    public static Map<String, @Nullable Object> map(@Nullable Object value, String purpose) {
        if (!(value instanceof Map)) {
            throw new DataException("Only Map objects supported in absence of schema for [" + purpose + "], found: "
                + className(value));
        }
        return (Map<String, @Nullable Object>) value;
    }

    /** As {@link #map}, but null passes as null. */
    public static @Nullable Map<String, @Nullable Object> mapOrNull(@Nullable Object value, String purpose) {
        return value == null ? null : map(value, purpose);
    }

    /** {@code value} as a struct. @throws DataException if it is not one */
    public static Struct struct(@Nullable Object value, String purpose) {
        if (!(value instanceof Struct struct)) {
            throw new DataException("Only Struct objects supported for [" + purpose + "], found: " + className(value));
        }
        return struct;
    }

    /** As {@link #struct}, but null passes as null. */
    public static @Nullable Struct structOrNull(@Nullable Object value, String purpose) {
        return value == null ? null : struct(value, purpose);
    }

    /** {@code record} as a sink record. @throws DataException for source records */
    public static SinkRecord sinkRecord(ConnectRecord<?> record, String purpose) {
        if (!(record instanceof SinkRecord sink)) {
            throw new DataException("Only SinkRecord supported for [" + purpose + "], found: " + className(record));
        }
        return sink;
    }

    /** A field's value, or its schema's default in place of null when {@code withDefault}. */
    public static @Nullable Object read(Struct struct, Field field, boolean withDefault) {
        return withDefault ? struct.get(field) : struct.getWithoutDefault(field.name());
    }

    private static String className(@Nullable Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
