package io.tributary.broker.internal.group;

/** The states of a classic group, with the names Kafka uses in DescribeGroups and ListGroups. Immutable. */
public enum GroupState {
    /** No members; the group may still hold committed offsets. */
    EMPTY("Empty"),
    /** A rebalance started: the coordinator waits for every known member to (re)join. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** The join phase ended: the coordinator waits for the leader's assignment (SyncGroup). */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment. */
    STABLE("Stable"),
    /** The group was deleted or removed; requests reaching it are told to look for the coordinator again. */
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The state's name on the wire, e.g. {@code PreparingRebalance}. */
    public String kafkaName() {
        return kafkaName;
    }

    /** Whether {@code name} is this state's Kafka name, ignoring case (ListGroups filters are case-insensitive). */
    public boolean matches(String name) {
        return kafkaName.equalsIgnoreCase(name);
    }
}
