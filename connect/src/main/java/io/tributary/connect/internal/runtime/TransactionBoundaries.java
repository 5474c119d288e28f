package io.tributary.connect.internal.runtime;

import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.TransactionContext;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Cuts an exactly-once source task's records into transactions, as {@code transaction.boundary} says:
 * <ul>
 *   <li>{@code poll}: a task emits a stream rather than polled batches, so a "poll" here is the records that
 *       arrive within {@value #POLL_WAIT_MS} ms of the first, at most {@value #POLL_MAX_RECORDS};</li>
 *   <li>{@code interval}: every {@code transaction.boundary.interval.ms}, or every {@value #INTERVAL_MAX_RECORDS}
 *       records if that comes first (so that the records a transaction waits to acknowledge stay bounded);</li>
 *   <li>{@code connector}: where the task says, as this {@link TransactionContext}.</li>
 * </ul>
 * Thread-safe: the task marks records on its thread, the windows are cut on the worker's.
 */
final class TransactionBoundaries implements TransactionContext {
    static final int POLL_MAX_RECORDS = 1_000;
    static final long POLL_WAIT_MS = 50;
    static final int INTERVAL_MAX_RECORDS = 100_000;

    private final SourceTransactionConfig.Boundary boundary;
    private final Duration interval;
    private final Scheduler timer;
    /** Records a transaction ends with: true to commit, false to abort. */
    private final Map<SourceRecord, Boolean> ends = Collections.synchronizedMap(new IdentityHashMap<>());
    /** A request without a record, for the next record the task emits. */
    private volatile @Nullable Boolean next;

    TransactionBoundaries(SourceTransactionConfig config, Duration defaultInterval, Scheduler timer) {
        this.boundary = config.boundary();
        this.interval = Objects.requireNonNullElse(config.interval(), defaultInterval);
        this.timer = timer;
    }

    /** The context the task gets, or null unless it defines the boundaries. */
    @Nullable TransactionContext context() {
        return boundary == SourceTransactionConfig.Boundary.CONNECTOR ? this : null;
    }

    /** Tells that the task emitted {@code record}: a pending request without a record applies to it. */
    void emitted(SourceRecord record) {
        Boolean pending = next;
        if (pending != null) {
            next = null;
            ends.putIfAbsent(record, pending);
        }
    }

    /** The transactions: consecutive runs of the records. */
    <T> Flux<Flux<T>> windows(Flux<T> records, java.util.function.Function<T, SourceRecord> record) {
        return switch (boundary) {
            case POLL -> records.windowTimeout(POLL_MAX_RECORDS, Duration.ofMillis(POLL_WAIT_MS), timer, true);
            case INTERVAL -> records.windowTimeout(INTERVAL_MAX_RECORDS, interval, timer, true);
            case CONNECTOR -> records.windowUntil(r -> ends.containsKey(record.apply(r)));
        };
    }

    /** Whether the transaction ending with {@code last} is to abort; forgets the mark. */
    boolean aborts(@Nullable SourceRecord last) {
        return last != null && Boolean.FALSE.equals(ends.remove(last));
    }

    @Override
    public void commitTransaction() {
        next = Boolean.TRUE;
    }

    @Override
    public void commitTransaction(SourceRecord record) {
        ends.put(Objects.requireNonNull(record, "record"), Boolean.TRUE);
    }

    @Override
    public void abortTransaction() {
        next = Boolean.FALSE;
    }

    @Override
    public void abortTransaction(SourceRecord record) {
        ends.put(Objects.requireNonNull(record, "record"), Boolean.FALSE);
    }
}
