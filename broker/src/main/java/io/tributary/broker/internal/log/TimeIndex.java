package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse time index ({@code .timeindex}), in Kafka's format: 12-byte entries of {@code int64}
 * timestamp and {@code int32} offset relative to the segment's base offset. Timestamps strictly increase: an
 * entry {@code (t, o)} says that the largest timestamp up to the batch ending at offset {@code o} is {@code t},
 * and that every record in an earlier batch has a smaller timestamp.
 *
 * <p>Thread-safe (see {@link AbstractIndex}); only the owning segment appends.
 */
final class TimeIndex extends AbstractIndex {
    static final int ENTRY_SIZE = 12;

    /** An index entry: a timestamp and the absolute offset of the batch where the log first reached it. */
    record TimestampOffset(long timestamp, long offset) {
    }

    TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    boolean isWellOrdered(int slot) {
        long timestamp = timestamp(slot);
        int relative = relativeOffset(slot);
        if (timestamp < 0 || relative < 0) {
            return false;
        }
        return slot == 0 || timestamp > timestamp(slot - 1) && relative >= relativeOffset(slot - 1);
    }

    @Override
    long keyAt(int slot) {
        return timestamp(slot);
    }

    private long timestamp(int slot) {
        return buffer().getLong(slot * ENTRY_SIZE);
    }

    private int relativeOffset(int slot) {
        return buffer().getInt(slot * ENTRY_SIZE + 8);
    }

    /**
     * Appends {@code (timestamp, offset)} if the timestamp is non-negative and above the last entry's; a full index
     * grows by one entry when {@code evenIfFull} (the final entry written when a segment rolls).
     *
     * @throws IllegalArgumentException if the offset is below the last entry's or does not fit
     * @throws IllegalStateException    if the index is full (and not {@code evenIfFull})
     */
    synchronized void maybeAppend(long timestamp, long offset, boolean evenIfFull) throws IOException {
        int n = entries();
        if (timestamp < 0 || n > 0 && timestamp <= timestamp(n - 1)) {
            return;
        }
        long relative = offset - baseOffset();
        if (relative < 0 || relative > Integer.MAX_VALUE || n > 0 && relative < relativeOffset(n - 1)) {
            throw new IllegalArgumentException("time index entry for offset " + offset + " does not fit after "
                + "offset " + lastEntry().offset() + " in " + file());
        }
        if (isFull()) {
            if (!evenIfFull) {
                throw new IllegalStateException("time index " + file() + " is full (" + n + " entries)");
            }
            resize((n + 1) * ENTRY_SIZE);
        }
        MappedByteBuffer b = buffer();
        b.putLong(n * ENTRY_SIZE, timestamp);
        b.putInt(n * ENTRY_SIZE + 8, (int) relative);
        commitEntry();
    }

    /**
     * The last entry whose timestamp is at most {@code timestamp}, or (-1, base offset) if there is none: records
     * with a timestamp of at least {@code timestamp} start in the batch ending at its offset or later.
     */
    synchronized TimestampOffset lookup(long timestamp) {
        int slot = floorSlot(timestamp);
        return slot < 0 ? new TimestampOffset(-1, baseOffset()) : entry(slot);
    }

    /** The entry in {@code slot}, with an absolute offset. */
    synchronized TimestampOffset entry(int slot) {
        if (slot < 0 || slot >= entries()) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + entries() + " entries in " + file());
        }
        return new TimestampOffset(timestamp(slot), baseOffset() + relativeOffset(slot));
    }

    /** The last entry, or (-1, base offset) if there is none. */
    synchronized TimestampOffset lastEntry() {
        int n = entries();
        return n == 0 ? new TimestampOffset(-1, baseOffset()) : entry(n - 1);
    }

    /** Removes the entries for offsets at or above {@code offset}. */
    synchronized void truncateTo(long offset) {
        int n = entries();
        int keep = n;
        while (keep > 0 && baseOffset() + relativeOffset(keep - 1) >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }
}
