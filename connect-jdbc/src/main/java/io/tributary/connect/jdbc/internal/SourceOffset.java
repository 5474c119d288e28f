package io.tributary.connect.jdbc.internal;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a table's reading stands: the last incrementing value and the last timestamp emitted, each null if the
 * mode does not track it or nothing was read yet. Stored as Confluent's connector stores it:
 * {@code {"incrementing": id, "timestamp": epochMillis, "timestamp_nanos": nanosOfSecond}}, so the full
 * microsecond (or nanosecond) precision of the database survives. Immutable.
 *
 * @param incrementing the last incrementing value, or null
 * @param timestamp    the last timestamp, or null
 */
public record SourceOffset(@Nullable Long incrementing, @Nullable Timestamp timestamp) {
    public static final String INCREMENTING_FIELD = "incrementing";
    public static final String TIMESTAMP_FIELD = "timestamp";
    public static final String TIMESTAMP_NANOS_FIELD = "timestamp_nanos";
    /** No offset: reading starts at the beginning. */
    public static final SourceOffset NONE = new SourceOffset(null, null);

    public SourceOffset {
        // Timestamp is mutable: keep a copy so the record stays immutable.
        timestamp = timestamp == null ? null : copy(timestamp);
    }

    @Override
    public @Nullable Timestamp timestamp() {
        return timestamp == null ? null : copy(timestamp);
    }

    /** The offset stored as {@code map}; missing entries stay null. Numbers may come back as any integer type. */
    public static SourceOffset fromMap(@Nullable Map<String, ?> map) {
        if (map == null) {
            return NONE;
        }
        Long incrementing = map.get(INCREMENTING_FIELD) instanceof Number n ? n.longValue() : null;
        Timestamp timestamp = null;
        if (map.get(TIMESTAMP_FIELD) instanceof Number millis) {
            timestamp = new Timestamp(millis.longValue());
            if (map.get(TIMESTAMP_NANOS_FIELD) instanceof Number nanos) {
                timestamp.setNanos(nanos.intValue());
            }
        }
        return new SourceOffset(incrementing, timestamp);
    }

    /** The map stored as the source offset; empty for {@link #NONE} (bulk mode). */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new HashMap<>();
        if (incrementing != null) {
            out.put(INCREMENTING_FIELD, incrementing);
        }
        if (timestamp != null) {
            out.put(TIMESTAMP_FIELD, timestamp.getTime());
            out.put(TIMESTAMP_NANOS_FIELD, (long) timestamp.getNanos());
        }
        return out;
    }

    private static Timestamp copy(Timestamp t) {
        Timestamp out = new Timestamp(t.getTime());
        out.setNanos(t.getNanos());
        return out;
    }
}
