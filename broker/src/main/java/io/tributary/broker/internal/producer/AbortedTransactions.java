package io.tributary.broker.internal.producer;

import java.util.ArrayList;
import java.util.List;

/**
 * The aborted-transaction index of one partition: for each aborted transaction, its producer id, its first offset
 * and the offset of its ABORT marker, in the order the markers were written. A read_committed fetch gets the
 * entries overlapping the range it reads, so that the client can drop the aborted batches (PROTOCOL.md 5.2).
 * Rebuilt from the log at start-up, like the rest of {@link ProducerState}. Not thread-safe: its owner
 * synchronizes.
 */
public final class AbortedTransactions {
    private final List<Aborted> entries = new ArrayList<>();

    /**
     * One aborted transaction.
     *
     * @param producerId  the producer
     * @param firstOffset the offset of its first batch on this partition
     * @param lastOffset  the offset of its ABORT marker
     */
    public record Aborted(long producerId, long firstOffset, long lastOffset) {
    }

    void add(long producerId, long firstOffset, long lastOffset) {
        entries.add(new Aborted(producerId, firstOffset, lastOffset));
    }

    /** Entries with {@code lastOffset >= from} and {@code firstOffset < upperBound}, by first offset. */
    List<Aborted> overlapping(long from, long upperBound) {
        List<Aborted> out = new ArrayList<>();
        for (Aborted a : entries) {
            if (a.lastOffset() >= from && a.firstOffset() < upperBound) {
                out.add(a);
            }
        }
        out.sort((a, b) -> Long.compare(a.firstOffset(), b.firstOffset()));
        return out;
    }

    /** Every entry, in the order the markers were written. */
    List<Aborted> entries() {
        return entries;
    }

    /** Drops entries whose marker lies below {@code offset} (deleted by retention or DeleteRecords). */
    void forgetBefore(long offset) {
        entries.removeIf(a -> a.lastOffset() < offset);
    }
}
