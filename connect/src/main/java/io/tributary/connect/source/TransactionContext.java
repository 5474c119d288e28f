package io.tributary.connect.source;

/**
 * How a source task with {@code transaction.boundary=connector} ends the transactions its records are written in,
 * on an exactly-once worker. A transaction holds the records the task emitted since the previous boundary; a
 * committed one makes its records and their source offsets visible together, an aborted one discards both. Call
 * these from the thread that emits the records. Thread-safe.
 *
 * @since 0.1
 */
public interface TransactionContext {
    /** Commits the transaction after the next record the task emits. */
    void commitTransaction();

    /** Commits the transaction after {@code record}; call it before emitting the record. */
    void commitTransaction(SourceRecord record);

    /** Aborts the transaction after the next record the task emits: its records are discarded. */
    void abortTransaction();

    /** Aborts the transaction ending with {@code record}; call it before emitting the record. */
    void abortTransaction(SourceRecord record);
}
