package io.tributary.producer;

/**
 * How many replicas must have a batch before the broker answers ({@code acks}).
 *
 * @since 0.1
 */
public enum Acks {
    /** No answer at all ({@code acks=0}): results carry offset -1 and delivery is not confirmed. */
    NONE((short) 0),
    /** The leader has written the batch ({@code acks=1}). */
    LEADER((short) 1),
    /** Every in-sync replica has the batch ({@code acks=all}, {@code -1}); required by idempotence. */
    ALL((short) -1);

    private final short wire;

    Acks(short wire) {
        this.wire = wire;
    }

    /** The value sent in Produce requests. */
    public short wire() {
        return wire;
    }

    /** Parses Kafka's spellings: {@code 0}, {@code 1}, {@code -1}, {@code all}. */
    public static Acks parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "0" -> NONE;
            case "1" -> LEADER;
            case "-1", "all" -> ALL;
            default -> throw new IllegalArgumentException("Invalid value '" + value + "' for acks: use 0, 1 or all");
        };
    }
}
