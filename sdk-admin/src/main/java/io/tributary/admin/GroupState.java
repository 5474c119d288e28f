package io.tributary.admin;

import java.util.Locale;

/**
 * The state of a group as a broker names it: classic groups go through {@code PreparingRebalance},
 * {@code CompletingRebalance}, {@code Stable}, {@code Empty} and {@code Dead}; consumer-protocol groups through
 * {@code Assigning}, {@code Reconciling}, {@code Stable}, {@code Empty}, {@code Dead} and {@code NotReady}.
 *
 * @since 0.1
 */
public enum GroupState {
    UNKNOWN("Unknown"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead"),
    EMPTY("Empty"),
    ASSIGNING("Assigning"),
    RECONCILING("Reconciling"),
    NOT_READY("NotReady");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name on the wire ({@code "PreparingRebalance"}). */
    public String kafkaName() {
        return kafkaName;
    }

    /** The state a broker names, ignoring case; {@link #UNKNOWN} for names not known here or none. */
    public static GroupState parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (GroupState s : values()) {
            if (s.kafkaName.toLowerCase(Locale.ROOT).equals(n)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
