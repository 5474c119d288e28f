package io.tributary.connect.data;

/**
 * The Timestamp logical type: a {@link java.util.Date}, stored as INT64 milliseconds since the epoch.
 *
 * @since 0.1
 */
public final class Timestamp {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Timestamp";

    private Timestamp() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int64().name(LOGICAL_NAME).version(1);
    }

    public static Schema schema() {
        return builder().build();
    }

    public static long fromLogical(Schema schema, java.util.Date value) {
        return value.getTime();
    }

    public static java.util.Date toLogical(Schema schema, long millis) {
        return new java.util.Date(millis);
    }
}
