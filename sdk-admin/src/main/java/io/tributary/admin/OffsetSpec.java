package io.tributary.admin;

/**
 * Which offset {@link TributaryAdmin#listOffsets} looks up in a partition: the earliest, the latest, the one of the
 * record with the largest timestamp, or the first one at or after a time. Immutable.
 *
 * @since 0.1
 */
public final class OffsetSpec {
    private static final long LATEST = -1;
    private static final long EARLIEST = -2;
    private static final long MAX_TIMESTAMP = -3;

    private static final OffsetSpec EARLIEST_SPEC = new OffsetSpec(EARLIEST);
    private static final OffsetSpec LATEST_SPEC = new OffsetSpec(LATEST);
    private static final OffsetSpec MAX_TIMESTAMP_SPEC = new OffsetSpec(MAX_TIMESTAMP);

    private final long timestamp;

    private OffsetSpec(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The log start offset: the first offset still in the partition. */
    public static OffsetSpec earliest() {
        return EARLIEST_SPEC;
    }

    /** The high watermark: the offset the next record will get (for read_uncommitted reads). */
    public static OffsetSpec latest() {
        return LATEST_SPEC;
    }

    /** The offset and timestamp of the record with the largest timestamp (brokers from Kafka 3.0). */
    public static OffsetSpec maxTimestamp() {
        return MAX_TIMESTAMP_SPEC;
    }

    /**
     * The first offset whose record has a timestamp at or after {@code epochMillis}; offset -1 when there is none.
     *
     * @throws IllegalArgumentException if {@code epochMillis} is negative
     */
    public static OffsetSpec forTimestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("epochMillis must not be negative, was " + epochMillis);
        }
        return new OffsetSpec(epochMillis);
    }

    /**
     * The timestamp ListOffsets sends for this spec: the time itself, or Kafka's markers -1 (latest), -2 (earliest)
     * and -3 (max timestamp).
     */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetSpec other && other.timestamp == timestamp;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        if (timestamp == EARLIEST) {
            return "OffsetSpec.earliest()";
        }
        if (timestamp == LATEST) {
            return "OffsetSpec.latest()";
        }
        return timestamp == MAX_TIMESTAMP ? "OffsetSpec.maxTimestamp()" : "OffsetSpec.forTimestamp(" + timestamp + ")";
    }
}
