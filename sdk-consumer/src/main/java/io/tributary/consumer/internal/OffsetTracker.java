package io.tributary.consumer.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The emitted and acknowledged offsets of one partition, and the offset that may be committed: one past the
 * contiguous prefix of acknowledged records, however out of order the acknowledgements came. Records are emitted
 * in offset order. Thread-safe (synchronized).
 */
final class OffsetTracker {
    private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    private final Set<Long> acknowledgedAhead = new HashSet<>();
    private long committable = -1;

    synchronized void emitted(long offset) {
        inFlight.addLast(offset);
    }

    /** Marks {@code offset} processed; returns whether the committable offset moved. */
    synchronized boolean acknowledge(long offset) {
        Long head = inFlight.peekFirst();
        if (head == null || offset < head) {
            return false;
        }
        if (offset != head) {
            acknowledgedAhead.add(offset);
            return false;
        }
        inFlight.pollFirst();
        committable = offset + 1;
        for (Long next = inFlight.peekFirst(); next != null && acknowledgedAhead.remove(next);
             next = inFlight.peekFirst()) {
            inFlight.pollFirst();
            committable = next + 1;
        }
        return true;
    }

    /** The next offset to consume after the acknowledged prefix, or -1 if nothing was acknowledged yet. */
    synchronized long committable() {
        return committable;
    }

    /** Records emitted and not yet part of the acknowledged prefix. */
    synchronized int inFlight() {
        return inFlight.size();
    }

    /** Forgets everything (a seek or a lost partition). */
    synchronized void reset() {
        inFlight.clear();
        acknowledgedAhead.clear();
        committable = -1;
    }
}
