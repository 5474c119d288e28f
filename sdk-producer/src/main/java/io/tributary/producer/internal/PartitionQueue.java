package io.tributary.producer.internal;

import io.tributary.common.TopicPartition;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The batches of one partition waiting to be sent, oldest first, and the partition's sending state: batches in
 * flight, the next sequence number, and whether it is recovering from a failed batch (then, with idempotence, only
 * one batch is in flight at a time and retried batches go first, in sequence order, so the broker sees the
 * sequences without gaps). All methods synchronize on the queue.
 */
final class PartitionQueue {
    final TopicPartition partition;
    private final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
    private int inFlight;
    private int nextSequence;
    private boolean recovering;
    /** Whether the partition's leader has written a batch of this producer (then it knows the producer's id). */
    private boolean written;

    PartitionQueue(TopicPartition partition) {
        this.partition = partition;
    }

    synchronized @Nullable ProducerBatch last() {
        return batches.peekLast();
    }

    synchronized void add(ProducerBatch batch) {
        batches.addLast(batch);
    }

    synchronized boolean isEmpty() {
        return batches.isEmpty();
    }

    synchronized int size() {
        return batches.size();
    }

    synchronized @Nullable ProducerBatch peek() {
        return batches.peekFirst();
    }

    /**
     * Takes the first batch if it may be sent now: it is ready (full, lingered, behind another batch, or everything
     * is being flushed), past its retry back-off, and the partition's in-flight rule allows it.
     */
    synchronized @Nullable ProducerBatch pollSendable(long nowNanos, long lingerNanos, boolean flushing,
                                                      boolean idempotent) {
        ProducerBatch head = batches.peekFirst();
        // Until the leader has written one batch of this producer, it takes any first sequence: a later batch
        // landing before a retried first one would leave a gap that no retry can fill. So one at a time until then.
        if (head == null || ((recovering || !written) && idempotent && inFlight > 0)) {
            return null;
        }
        boolean ready = head.attempts > 0 || batches.size() > 1 || head.isFull() || flushing
            || nowNanos - head.createdNanos >= lingerNanos;
        if (!ready || (head.attempts > 0 && nowNanos < head.retryAtNanos)) {
            return null;
        }
        batches.pollFirst();
        inFlight++;
        return head;
    }

    /** The sequence for a batch about to be sent for the first time; advances the next one. */
    synchronized int assignSequence(int recordCount) {
        int s = nextSequence;
        nextSequence += recordCount;
        return s;
    }

    /** A sent batch came back done: {@code written} by the leader, or failed for good. */
    synchronized void completed(boolean written) {
        inFlight--;
        this.written |= written;
        ProducerBatch head = batches.peekFirst();
        if (inFlight == 0 && (head == null || !head.hasSequence())) {
            recovering = false;
        }
    }

    /** A sent batch must be sent again: back to the front, in sequence order among the retried ones. */
    synchronized void retry(ProducerBatch batch) {
        inFlight--;
        recovering = true;
        if (!batch.hasSequence()) {
            batches.addFirst(batch);
            return;
        }
        ArrayDeque<ProducerBatch> reordered = new ArrayDeque<>(batches.size() + 1);
        boolean placed = false;
        for (ProducerBatch b : batches) {
            if (!placed && (!b.hasSequence() || b.baseSequence() > batch.baseSequence())) {
                reordered.add(batch);
                placed = true;
            }
            reordered.add(b);
        }
        if (!placed) {
            reordered.add(batch);
        }
        batches.clear();
        batches.addAll(reordered);
    }

    synchronized boolean isRecovering() {
        return recovering;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /**
     * Removes and returns the queued batches created before {@code createdBeforeNanos} (delivery time-out). The
     * queue is in creation order (retried batches, put back in front, are older still), so the scan stops at the
     * first batch young enough.
     */
    synchronized java.util.List<ProducerBatch> expire(long createdBeforeNanos) {
        java.util.List<ProducerBatch> expired = new java.util.ArrayList<>(0);
        for (Iterator<ProducerBatch> it = batches.iterator(); it.hasNext();) {
            ProducerBatch b = it.next();
            if (b.createdNanos - createdBeforeNanos >= 0) {
                break;
            }
            it.remove();
            expired.add(b);
        }
        return expired;
    }

    /** Removes and returns every queued batch (closing without flushing, fatal errors). */
    synchronized java.util.List<ProducerBatch> drainAll() {
        java.util.List<ProducerBatch> all = new java.util.ArrayList<>(batches);
        batches.clear();
        return all;
    }
}
