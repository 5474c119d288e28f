package io.tributary.streams.internal.runtime;

import io.tributary.consumer.ReceivedRecord;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The correlation of an input record's outputs: once all of them were written the input record is acknowledged,
 * so the consumer's ordered commits never pass a record whose effects are not durable. A record whose updates wait
 * in a record cache counts the cache's flush as one more output ({@link #releasing}). Under exactly-once the
 * transaction's commit acknowledges the records instead, and a correlation only names the input ({@link #of}), for
 * the dead letter of an output that could not be written. Thread-safe.
 */
final class PendingAck {
    /** The correlation of outputs no input record waits for (punctuations). */
    static final PendingAck NONE = new PendingAck(null, 1, () -> { }, false);

    private final @Nullable ReceivedRecord<byte[], byte[]> record;
    private final AtomicInteger remaining;
    private final Runnable onDone;
    private final boolean acknowledges;

    PendingAck(@Nullable ReceivedRecord<byte[], byte[]> record, int outputs, Runnable onDone) {
        this(record, outputs, onDone, true);
    }

    private PendingAck(@Nullable ReceivedRecord<byte[], byte[]> record, int outputs, Runnable onDone,
                       boolean acknowledges) {
        this.record = record;
        this.remaining = new AtomicInteger(outputs);
        this.onDone = onDone;
        this.acknowledges = acknowledges;
        if (outputs == 0) {
            done();
        }
    }

    /** Exactly-once: the correlation of {@code record}'s outputs, acknowledging nothing (the commit does). */
    static PendingAck of(ReceivedRecord<byte[], byte[]> record) {
        return new PendingAck(record, 1, () -> { }, false);
    }

    /**
     * The correlation of a cache flush's outputs: once they were all written (at once if there are none), each of
     * {@code waiting} counts the flush as written.
     */
    static PendingAck releasing(List<PendingAck> waiting, int outputs) {
        return new PendingAck(null, outputs, () -> waiting.forEach(PendingAck::written));
    }

    /** The input record whose outputs these are, or null (punctuations, flushes). */
    @Nullable ReceivedRecord<byte[], byte[]> input() {
        return record;
    }

    /** One output was written (or, with log-and-continue, given up). */
    void written() {
        if (acknowledges && remaining.decrementAndGet() == 0) {
            done();
        }
    }

    private void done() {
        if (!acknowledges) {
            return;
        }
        if (record != null) {
            record.acknowledge();
        }
        onDone.run();
    }
}
