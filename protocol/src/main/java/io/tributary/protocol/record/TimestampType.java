package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

/**
 * Meaning of record timestamps in a batch (attribute bit 3), and the values of {@code message.timestamp.type}.
 *
 * @since 0.1
 */
public enum TimestampType {
    /** Each record carries the time the producer gave it. */
    CREATE_TIME(0, "CreateTime"),
    /** Every record has the batch's maxTimestamp, stamped by the broker when it appended the batch. */
    LOG_APPEND_TIME(1, "LogAppendTime");

    private final int id;
    private final String configName;

    TimestampType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** The value of attribute bit 3. */
    public int id() {
        return id;
    }

    /** The name used by {@code message.timestamp.type}. */
    public String configName() {
        return configName;
    }

    /**
     * The type with this {@code message.timestamp.type} name.
     *
     * @throws IllegalArgumentException unless the name is {@code CreateTime} or {@code LogAppendTime}
     */
    public static TimestampType forConfigName(String name) {
        requireNonNull(name, "name");
        for (TimestampType t : values()) {
            if (t.configName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown timestamp type '" + name
            + "', expected CreateTime or LogAppendTime");
    }
}
