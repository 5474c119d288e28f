package io.tributary.streams.internal.runtime;

import io.tributary.consumer.ReceivedRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The correlation of an input record's outputs: once all of them were written the input record is acknowledged,
 * so the consumer's ordered commits never pass a record whose effects are not durable. A record whose updates wait
 * in a record cache counts the cache's flush as one more output ({@link #releasing}). Thread-safe.
 */
final class PendingAck {
    /** The correlation of outputs no input record waits for (punctuations). */
    static final PendingAck NONE = new PendingAck(null, 1, () -> { });

    private final @Nullable ReceivedRecord<byte[], byte[]> record;
    private final AtomicInteger remaining;
    private final Runnable onDone;

    PendingAck(@Nullable ReceivedRecord<byte[], byte[]> record, int outputs, Runnable onDone) {
        this.record = record;
        this.remaining = new AtomicInteger(outputs);
        this.onDone = onDone;
        if (outputs == 0) {
            done();
        }
    }

    /**
     * The correlation of a cache flush's outputs: once they were all written (at once if there are none), each of
     * {@code waiting} counts the flush as written.
     */
    static PendingAck releasing(List<PendingAck> waiting, int outputs) {
        return new PendingAck(null, outputs, () -> waiting.forEach(PendingAck::written));
    }

    /** The input record whose outputs these are, or null (punctuations, flushes, exactly-once). */
    @Nullable ReceivedRecord<byte[], byte[]> input() {
        return record;
    }

    /** One output was written (or, with log-and-continue, given up). */
    void written() {
        if (this != NONE && remaining.decrementAndGet() == 0) {
            done();
        }
    }

    private void done() {
        if (this == NONE) {
            return;
        }
        if (record != null) {
            record.acknowledge();
        }
        onDone.run();
    }
}
