package io.tributary.broker.internal.producer;

import io.tributary.broker.internal.produce.PartitionError;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.RecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Producer state of one partition (PROTOCOL.md 5.4, 5.5): per producer id, its epoch and the metadata of its last
 * five batches, which is enough to recognise a retried batch and answer it with its original offset and to refuse
 * gaps in sequence numbers; the first offset of its open transaction, from which the last stable offset follows;
 * and the index of aborted transactions that read_committed fetches need.
 *
 * <p>Thread-safe: every method synchronizes on the instance. Callers that append to the log hold the instance's
 * monitor across check, append and record, so that the last stable offset computed under the same monitor never
 * exposes a transactional batch before its transaction is known.
 */
public final class ProducerState {
    /** Batches kept per producer, as Kafka does (this is why clients keep at most 5 requests in flight). */
    public static final int BATCHES_RETAINED = 5;

    private final Map<Long, Entry> producers = new HashMap<>();
    /** Open transactions: first offset → producer id. */
    private final TreeMap<Long, Long> ongoing = new TreeMap<>();
    private final AbortedTransactions aborted = new AbortedTransactions();

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

    /**
     * What DescribeProducers shows of one producer.
     *
     * @param producerId            the producer id
     * @param epoch                 its current epoch
     * @param lastSequence          the last sequence it wrote, or -1
     * @param lastTimestamp         when it last wrote (a batch or a marker), or -1
     * @param coordinatorEpoch      the coordinator epoch of its last marker, or -1
     * @param currentTxnStartOffset the first offset of its open transaction, or -1
     */
    public record ActiveProducer(long producerId, short epoch, int lastSequence, long lastTimestamp,
                                 int coordinatorEpoch, long currentTxnStartOffset) {
    }

    /** What is known about one producer. */
    static final class Entry {
        short epoch;
        final Deque<BatchMetadata> batches = new ArrayDeque<>(BATCHES_RETAINED);
        long lastTimestamp = -1;
        int coordinatorEpoch = -1;
        long txnFirstOffset = -1;

        Entry(short epoch) {
            this.epoch = epoch;
        }

        @Nullable BatchMetadata last() {
            return batches.peekLast();
        }

        void bumpTo(short newEpoch) {
            if (newEpoch != epoch) {
                epoch = newEpoch;
                batches.clear();
            }
        }
    }

    /**
     * Checks an idempotent or transactional batch against the producer's state.
     *
     * @return the metadata of the same batch appended before (a retry: answer with its offset, append nothing),
     *     or {@code null} when the batch is new and may be appended
     * @throws PartitionError INVALID_PRODUCER_EPOCH, OUT_OF_ORDER_SEQUENCE_NUMBER, or INVALID_TXN_STATE for a
     *     non-transactional batch of a producer with an open transaction on this partition
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
        checkEpoch(batch.producerId(), epoch);
        if (!batch.isTransactional() && e.txnFirstOffset >= 0) {
            throw new PartitionError(ErrorCode.INVALID_TXN_STATE, "Producer " + batch.producerId()
                + " has an open transaction on this partition; a non-transactional batch is not allowed");
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

    /**
     * Refuses an epoch older than the producer's current one.
     *
     * @throws PartitionError INVALID_PRODUCER_EPOCH
     */
    public synchronized void checkEpoch(long producerId, short epoch) {
        Entry e = producers.get(producerId);
        if (e != null && epoch < e.epoch) {
            throw new PartitionError(ErrorCode.INVALID_PRODUCER_EPOCH, "Producer " + producerId + " has epoch "
                + e.epoch + "; a batch with epoch " + epoch + " is fenced");
        }
    }

    /** Records a non-transactional batch that was appended at {@code firstOffset..lastOffset}. */
    public synchronized void record(long producerId, short epoch, int firstSequence, int lastSequence,
                                    long firstOffset, long lastOffset, long timestamp) {
        record(producerId, epoch, firstSequence, lastSequence, firstOffset, lastOffset, timestamp, false);
    }

    /**
     * Records a batch that was appended at {@code firstOffset..lastOffset}. A transactional batch opens the
     * producer's transaction on this partition unless one is open; a negative {@code firstSequence} records no
     * sequence (the coordinator's own transactional writes).
     */
    public synchronized void record(long producerId, short epoch, int firstSequence, int lastSequence,
                                    long firstOffset, long lastOffset, long timestamp, boolean transactional) {
        Entry e = producers.computeIfAbsent(producerId, id -> new Entry(epoch));
        e.bumpTo(epoch);
        if (firstSequence >= 0) {
            if (e.batches.size() == BATCHES_RETAINED) {
                e.batches.removeFirst();
            }
            e.batches.addLast(new BatchMetadata(firstSequence, lastSequence, firstOffset, lastOffset, timestamp));
        }
        e.lastTimestamp = Math.max(e.lastTimestamp, timestamp);
        if (transactional && e.txnFirstOffset < 0) {
            e.txnFirstOffset = firstOffset;
            ongoing.put(firstOffset, producerId);
        }
    }

    /**
     * Whether a COMMIT or ABORT marker with {@code epoch} may be written: not when the producer has a newer epoch
     * (a marker of a fenced coordinator).
     */
    public synchronized boolean acceptsMarker(long producerId, short epoch) {
        Entry e = producers.get(producerId);
        return e == null || epoch >= e.epoch;
    }

    /**
     * Records a COMMIT or ABORT marker appended at {@code markerOffset}: closes the producer's open transaction, if
     * any, and indexes it when aborted. A marker with a newer epoch fences the older one.
     */
    public synchronized void completeTransaction(long producerId, short epoch, long markerOffset, boolean commit,
                                                 int coordinatorEpoch, long timestamp) {
        Entry e = producers.computeIfAbsent(producerId, id -> new Entry(epoch));
        if (epoch > e.epoch) {
            e.bumpTo(epoch);
        }
        e.coordinatorEpoch = coordinatorEpoch;
        e.lastTimestamp = Math.max(e.lastTimestamp, timestamp);
        long first = e.txnFirstOffset;
        if (first < 0) {
            return;
        }
        e.txnFirstOffset = -1;
        ongoing.remove(first);
        if (!commit) {
            aborted.add(producerId, first, markerOffset);
        }
    }

    /**
     * The last stable offset: the first offset of the earliest open transaction, or the high watermark when it is
     * lower or no transaction is open. The high watermark is read under the monitor, after any transactional
     * append that holds it.
     */
    public synchronized long lastStableOffset(LongSupplier highWatermark) {
        long hw = highWatermark.getAsLong();
        return ongoing.isEmpty() ? hw : Math.min(hw, ongoing.firstKey());
    }

    /**
     * The aborted transactions a read_committed fetch from {@code fetchOffset} must know: those that end at or after
     * it and start before {@code upperBound}, ordered by first offset. Entries wholly below {@code logStartOffset}
     * are forgotten.
     */
    public synchronized List<AbortedTransactions.Aborted> abortedTransactions(long fetchOffset, long upperBound,
                                                                               long logStartOffset) {
        aborted.forgetBefore(logStartOffset);
        return aborted.overlapping(fetchOffset, upperBound);
    }

    /** Every producer with state, for DescribeProducers. */
    public synchronized List<ActiveProducer> activeProducers() {
        List<ActiveProducer> out = new ArrayList<>(producers.size());
        producers.forEach((id, e) -> {
            BatchMetadata last = e.last();
            out.add(new ActiveProducer(id, e.epoch, last == null ? -1 : last.lastSequence(), e.lastTimestamp,
                e.coordinatorEpoch, e.txnFirstOffset));
        });
        return out;
    }

    /** Copies every producer's entry and the aborted-transaction index into {@code to}; for snapshots. */
    synchronized void exportTo(ProducerStateSnapshot.Writer to) {
        producers.forEach(to::producer);
        aborted.entries().forEach(to::aborted);
    }

    /** Adds a producer's entry read from a snapshot; for snapshots, before the state is shared. */
    synchronized void importProducer(long producerId, Entry e) {
        producers.put(producerId, e);
        if (e.txnFirstOffset >= 0) {
            ongoing.put(e.txnFirstOffset, producerId);
        }
    }

    /** Adds an aborted transaction read from a snapshot; for snapshots, before the state is shared. */
    synchronized void importAborted(AbortedTransactions.Aborted a) {
        aborted.add(a.producerId(), a.firstOffset(), a.lastOffset());
    }

    /** Number of producers with state. */
    public synchronized int size() {
        return producers.size();
    }

    private static int nextSequence(int sequence) {
        return sequence == Integer.MAX_VALUE ? 0 : sequence + 1;
    }
}
