package io.tributary.broker.internal.producer;

import io.tributary.broker.internal.produce.PartitionError;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.RecordBatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Idempotent-producer state of one partition (PROTOCOL.md 5.4): per producer id, its epoch and the metadata of its
 * last five batches, which is enough to recognise a retried batch and answer it with its original offset, and to
 * refuse gaps in sequence numbers. Callers serialise check, append and record on the instance.
 */
public final class ProducerState {
    /** Batches kept per producer, as Kafka does (this is why clients keep at most 5 requests in flight). */
    public static final int BATCHES_RETAINED = 5;

    private final Map<Long, Entry> producers = new HashMap<>();

    /**
     * Metadata of one appended batch.
     *
     * @param firstSequence first sequence
     * @param lastSequence  last sequence
     * @param firstOffset   offset of its first record
     * @param lastOffset    offset of its last record
     * @param timestamp     when it was appended
     */
    public record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset,
                                long timestamp) {
    }

    /** What is known about one producer. */
    static final class Entry {
        short epoch;
        final Deque<BatchMetadata> batches = new ArrayDeque<>(BATCHES_RETAINED);

        Entry(short epoch) {
            this.epoch = epoch;
        }

        @Nullable BatchMetadata last() {
            return batches.peekLast();
        }
    }

    /**
     * Checks an idempotent batch against the producer's state.
     *
     * @return the metadata of the same batch appended before (a retry: answer with its offset, append nothing),
     *     or {@code null} when the batch is new and may be appended
     * @throws PartitionError INVALID_PRODUCER_EPOCH or OUT_OF_ORDER_SEQUENCE_NUMBER
     */
    public synchronized @Nullable BatchMetadata check(RecordBatch batch) {
        Entry e = producers.get(batch.producerId());
        if (e == null) {
            return null;
        }
        short epoch = batch.producerEpoch();
        if (epoch == e.epoch) {
            for (BatchMetadata m : e.batches) {
                if (m.firstSequence() == batch.baseSequence() && m.lastSequence() == batch.lastSequence()) {
                    return m;
                }
            }
        }
        if (epoch < e.epoch) {
            throw new PartitionError(ErrorCode.INVALID_PRODUCER_EPOCH, "Producer " + batch.producerId()
                + " has epoch " + e.epoch + "; a batch with epoch " + epoch + " is fenced");
        }
        if (epoch > e.epoch) {
            if (batch.baseSequence() != 0) {
                throw new PartitionError(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, "Producer " + batch.producerId()
                    + " bumped its epoch to " + epoch + " but starts at sequence " + batch.baseSequence());
            }
            return null;
        }
        BatchMetadata last = e.last();
        if (last != null && batch.baseSequence() != nextSequence(last.lastSequence())) {
            throw new PartitionError(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, "Producer " + batch.producerId()
                + " sent sequence " + batch.baseSequence() + " after " + last.lastSequence());
        }
        return null;
    }

    /** Records a batch that was appended at {@code firstOffset..lastOffset}. */
    public synchronized void record(long producerId, short epoch, int firstSequence, int lastSequence,
                                    long firstOffset, long lastOffset, long timestamp) {
        Entry e = producers.computeIfAbsent(producerId, id -> new Entry(epoch));
        if (epoch != e.epoch) {
            e.epoch = epoch;
            e.batches.clear();
        }
        if (e.batches.size() == BATCHES_RETAINED) {
            e.batches.removeFirst();
        }
        e.batches.addLast(new BatchMetadata(firstSequence, lastSequence, firstOffset, lastOffset, timestamp));
    }

    /** Number of producers with state. */
    public synchronized int size() {
        return producers.size();
    }

    private static int nextSequence(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }
}
