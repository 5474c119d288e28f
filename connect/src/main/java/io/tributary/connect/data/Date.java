package io.tributary.connect.data;

import io.tributary.connect.errors.DataException;

/**
 * The Date logical type: a {@link java.util.Date} at midnight UTC, stored as INT32 days since the epoch.
 *
 * @since 0.1
 */
public final class Date {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Date";
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private Date() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
    }

    public static Schema schema() {
        return builder().build();
    }

    /** Days since the epoch. @throws DataException if {@code value} has a time of day */
    public static int fromLogical(Schema schema, java.util.Date value) {
        long millis = value.getTime();
        if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values.");
        }
        return (int) Math.floorDiv(millis, MILLIS_PER_DAY);
    }

    public static java.util.Date toLogical(Schema schema, int days) {
        return new java.util.Date(days * MILLIS_PER_DAY);
    }
}
