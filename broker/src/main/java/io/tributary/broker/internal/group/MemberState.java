package io.tributary.broker.internal.group;

/**
 * Where a consumer-protocol member stands in reconciling its assignment, with the byte Kafka stores in a
 * ConsumerGroupCurrentMemberAssignmentValue. Immutable.
 */
public enum MemberState {
    /** The member owns its whole assignment for its epoch. */
    STABLE((byte) 0),
    /** The member must first give up partitions before it may move to the next epoch. */
    UNREVOKED_PARTITIONS((byte) 1),
    /** The member reached the target epoch but waits for partitions other members still hold. */
    UNRELEASED_PARTITIONS((byte) 2),
    /** A value written by a newer coordinator; the member is reconciled from scratch. */
    UNKNOWN((byte) 127);

    private final byte value;

    MemberState(byte value) {
        this.value = value;
    }

    public byte value() {
        return value;
    }

    /** The state stored as {@code value}; UNKNOWN for bytes this coordinator does not know. */
    public static MemberState of(byte value) {
        for (MemberState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
