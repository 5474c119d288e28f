package io.tributary.connect.internal.runtime;

import io.tributary.connect.source.SourceRecord;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which source offsets of a task may be committed: per source partition, the offset of the latest record whose
 * predecessors (in the order the task emitted them) were all written, dropped by a transform or skipped under
 * {@code errors.tolerance=all}. A record still in flight holds back every later record of its partition. Records
 * with an empty source partition (a source without offsets, such as the standard input) are not tracked. Pure and
 * synchronous; thread-safe (synchronized).
 */
final class SourceOffsetTracker {
    /** A record emitted by the task and not yet known written. */
    static final class Entry {
        final SourceRecord record;
        boolean done;

        Entry(SourceRecord record) {
            this.record = record;
        }
    }

    private final Map<Map<String, ?>, ArrayDeque<Entry>> pending = new HashMap<>();
    private final Map<Map<String, ?>, Map<String, ?>> committable = new LinkedHashMap<>();
    private int inFlight;

    /** Tracks a record the task emitted; call in emission order. */
    synchronized Entry submit(SourceRecord record) {
        Entry e = new Entry(record);
        if (!record.sourcePartition().isEmpty()) {
            pending.computeIfAbsent(record.sourcePartition(), p -> new ArrayDeque<>()).addLast(e);
            inFlight++;
        }
        return e;
    }

    /** The record is written (or dropped, or skipped): its offset may be committed once its predecessors are. */
    synchronized void done(Entry e) {
        if (e.done || e.record.sourcePartition().isEmpty()) {
            return;
        }
        e.done = true;
        inFlight--;
        Map<String, ?> partition = e.record.sourcePartition();
        ArrayDeque<Entry> queue = pending.get(partition);
        Entry last = null;
        while (queue != null && !queue.isEmpty() && queue.peekFirst().done) {
            last = queue.pollFirst();
        }
        if (queue != null && queue.isEmpty()) {
            pending.remove(partition);
        }
        if (last != null) {
            committable.put(partition, last.record.sourceOffset());
        }
    }

    /** The offsets that became committable since the last call, and forgets them. */
    synchronized Map<Map<String, ?>, Map<String, ?>> takeCommittable() {
        Map<Map<String, ?>, Map<String, ?>> out = new LinkedHashMap<>(committable);
        committable.clear();
        return out;
    }

    /** Gives back offsets whose commit failed, unless newer ones were taken meanwhile. */
    synchronized void restore(Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach(committable::putIfAbsent);
    }

    /** How many tracked records are neither written nor dropped yet. */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Forgets records that will never be written (the task stopped before they were sent). */
    synchronized void abandonInFlight() {
        pending.clear();
        inFlight = 0;
    }

    /**
     * Forgets everything, committable offsets included: after an aborted transaction, whose records' offsets must
     * not be committed by a later one.
     */
    synchronized void reset() {
        abandonInFlight();
        committable.clear();
    }
}
