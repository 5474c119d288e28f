package io.tributary.broker.internal.txn;

import org.jspecify.annotations.Nullable;

/**
 * The states of a transactional id (PROTOCOL.md 5.5), with the id stored in {@code __transaction_state} and the name
 * DescribeTransactions and ListTransactions show. Immutable.
 */
public enum TransactionState {
    EMPTY(0, "Empty"),
    ONGOING(1, "Ongoing"),
    PREPARE_COMMIT(2, "PrepareCommit"),
    PREPARE_ABORT(3, "PrepareAbort"),
    COMPLETE_COMMIT(4, "CompleteCommit"),
    COMPLETE_ABORT(5, "CompleteAbort"),
    DEAD(6, "Dead"),
    PREPARE_EPOCH_FENCE(7, "PrepareEpochFence");

    private final byte id;
    private final String displayName;

    TransactionState(int id, String displayName) {
        this.id = (byte) id;
        this.displayName = displayName;
    }

    /** The {@code TransactionStatus} byte of the stored value. */
    public byte id() {
        return id;
    }

    /** The name Kafka's admin APIs use ({@code Ongoing}, {@code CompleteCommit}, ...). */
    public String displayName() {
        return displayName;
    }

    /** The state stored as {@code id}, or null for an unknown byte. */
    public static @Nullable TransactionState forId(byte id) {
        for (TransactionState s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /** The state named {@code name} as the admin APIs spell it, or null. */
    public static @Nullable TransactionState forName(String name) {
        for (TransactionState s : values()) {
            if (s.displayName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a transaction is being committed or aborted (markers not all written yet). */
    public boolean isPreparing() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT;
    }

    /** Whether no transaction is open: Empty or a completed one. */
    public boolean isIdle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }
}
