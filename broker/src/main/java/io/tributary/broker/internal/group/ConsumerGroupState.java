package io.tributary.broker.internal.group;

/** The states of a consumer-protocol group, with the names Kafka reports. Immutable. */
public enum ConsumerGroupState {
    /** No members. */
    EMPTY("Empty"),
    /** The group epoch moved past the target assignment, which is not computed yet. */
    ASSIGNING("Assigning"),
    /** Some members have not reached the target assignment yet. */
    RECONCILING("Reconciling"),
    /** Every member owns its target assignment. */
    STABLE("Stable");

    private final String kafkaName;

    ConsumerGroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The state's name on the wire, e.g. {@code Reconciling}. */
    public String kafkaName() {
        return kafkaName;
    }

    /** Whether {@code name} is this state's Kafka name, ignoring case and surrounding blanks. */
    public boolean matches(String name) {
        return kafkaName.equalsIgnoreCase(name.trim());
    }
}
