package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;

/**
 * The Time logical type: a {@link java.util.Date} on the epoch day, stored as INT32 milliseconds since midnight.
 *
 * @since 0.1
 */
public final class Time {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Time";
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private Time() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
    }

    public static Schema schema() {
        return builder().build();
    }

    /** Milliseconds since midnight. @throws DataException if {@code value} is not on the epoch day */
    public static int fromLogical(Schema schema, java.util.Date value) {
        long millis = value.getTime();
        if (millis < 0 || millis >= MILLIS_PER_DAY) {
            throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values.");
        }
        return (int) millis;
    }

    public static java.util.Date toLogical(Schema schema, int millis) {
        if (millis < 0 || millis >= MILLIS_PER_DAY) {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than "
                + MILLIS_PER_DAY);
        }
        return new java.util.Date(millis);
    }
}
