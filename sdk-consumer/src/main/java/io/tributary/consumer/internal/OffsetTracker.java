package io.tributary.consumer.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The emitted and acknowledged offsets of one partition, and the offset that may be committed: one past the
 * contiguous prefix of acknowledged records, however out of order the acknowledgements came. Records are emitted
 * in offset order. Emitted offsets sit in a ring of primitive longs (every record passes through here, so no
 * boxing); acknowledgements ahead of the oldest emitted record wait in a set. Thread-safe (synchronized).
 */
final class OffsetTracker {
    private long[] ring = new long[64];
    private int head;
    private int size;
    private final Set<Long> acknowledgedAhead = new HashSet<>();
    private long committable = -1;

    synchronized void emitted(long offset) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = offset;
        size++;
    }

    /** Marks {@code offset} processed; returns whether the committable offset moved. */
    synchronized boolean acknowledge(long offset) {
        if (size == 0 || offset < ring[head]) {
            return false;
        }
        if (offset != ring[head]) {
            acknowledgedAhead.add(offset);
            return false;
        }
        pollFirst();
        committable = offset + 1;
        while (size > 0 && !acknowledgedAhead.isEmpty() && acknowledgedAhead.remove(ring[head])) {
            committable = ring[head] + 1;
            pollFirst();
        }
        return true;
    }

    private void pollFirst() {
        head = (head + 1) & (ring.length - 1);
        size--;
    }

    /** Doubles the ring (its length stays a power of two), oldest offset first. */
    private void grow() {
        long[] bigger = new long[ring.length * 2];
        int tail = ring.length - head;
        System.arraycopy(ring, head, bigger, 0, tail);
        System.arraycopy(ring, 0, bigger, tail, head);
        ring = bigger;
        head = 0;
    }

    /** The next offset to consume after the acknowledged prefix, or -1 if nothing was acknowledged yet. */
    synchronized long committable() {
        return committable;
    }

    /** Records emitted and not yet part of the acknowledged prefix. */
    synchronized int inFlight() {
        return size;
    }

    /** Forgets everything (a seek or a lost partition). */
    synchronized void reset() {
        Arrays.fill(ring, 0);
        head = 0;
        size = 0;
        acknowledgedAhead.clear();
        committable = -1;
    }
}
