package io.tributary.consumer;

/**
 * Which records of transactions are read ({@code isolation.level}).
 *
 * @since 0.1
 */
public enum IsolationLevel {
    /** Every record, including those of open and aborted transactions. */
    READ_UNCOMMITTED((byte) 0),
    /** Only records of committed transactions (and non-transactional ones), up to the last stable offset. */
    READ_COMMITTED((byte) 1);

    private final byte wire;

    IsolationLevel(byte wire) {
        this.wire = wire;
    }

    public byte wire() {
        return wire;
    }
}
