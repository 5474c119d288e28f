package io.tributary.admin;

import java.util.Locale;

/**
 * The state of a transactional id on its coordinator, as Kafka names it ({@code Ongoing}, {@code CompleteCommit}).
 *
 * @since 0.1
 */
public enum TransactionState {
    UNKNOWN("Unknown"),
    EMPTY("Empty"),
    ONGOING("Ongoing"),
    PREPARE_COMMIT("PrepareCommit"),
    PREPARE_ABORT("PrepareAbort"),
    COMPLETE_COMMIT("CompleteCommit"),
    COMPLETE_ABORT("CompleteAbort"),
    PREPARE_EPOCH_FENCE("PrepareEpochFence"),
    DEAD("Dead");

    private final String kafkaName;

    TransactionState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name on the wire ({@code "CompleteCommit"}). */
    public String kafkaName() {
        return kafkaName;
    }

    /** The state a broker names, ignoring case; {@link #UNKNOWN} for names not known here. */
    public static TransactionState parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TransactionState s : values()) {
            if (s.kafkaName.toLowerCase(Locale.ROOT).equals(n)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
