package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse offset index ({@code .index}), in Kafka's format: 8-byte entries of {@code int32} offset
 * relative to the segment's base offset and {@code int32} byte position of the batch in the {@code .log} file.
 * Each entry names the last offset of a batch and where that batch starts, so the batch holding any offset starts
 * at or after the position of the floor entry.
 *
 * <p>Thread-safe (see {@link AbstractIndex}); only the owning segment appends.
 */
final class OffsetIndex extends AbstractIndex {
    static final int ENTRY_SIZE = 8;

    /** An index entry: an absolute offset and the byte position of a batch at or before it. */
    record OffsetPosition(long offset, int position) {
    }

    OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    boolean isWellOrdered(int slot) {
        int relative = relativeOffset(slot);
        int position = position(slot);
        if (relative < 0 || position < 0) {
            return false;
        }
        return slot == 0 || relative > relativeOffset(slot - 1) && position > position(slot - 1);
    }

    @Override
    long keyAt(int slot) {
        return relativeOffset(slot);
    }

    private int relativeOffset(int slot) {
        return buffer().getInt(slot * ENTRY_SIZE);
    }

    private int position(int slot) {
        return buffer().getInt(slot * ENTRY_SIZE + 4);
    }

    /**
     * Appends an entry.
     *
     * @throws IllegalArgumentException if the offset is not above the last entry's or does not fit relative to the
     *                                  base offset
     * @throws IllegalStateException    if the index is full
     */
    synchronized void append(long offset, int position) {
        long relative = offset - baseOffset();
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit the index of segment "
                + baseOffset());
        }
        int n = entries();
        if (n > 0 && relative <= relativeOffset(n - 1)) {
            throw new IllegalArgumentException("index entry for offset " + offset + " is not above the last one, "
                + (baseOffset() + relativeOffset(n - 1)) + ", in " + file());
        }
        if (isFull()) {
            throw new IllegalStateException("index " + file() + " is full (" + n + " entries)");
        }
        MappedByteBuffer b = buffer();
        b.putInt(n * ENTRY_SIZE, (int) relative);
        b.putInt(n * ENTRY_SIZE + 4, position);
        commitEntry();
    }

    /** The last entry whose offset is at most {@code targetOffset}, or (base offset, 0) if there is none. */
    synchronized OffsetPosition lookup(long targetOffset) {
        int slot = floorSlot(targetOffset - baseOffset());
        return slot < 0 ? new OffsetPosition(baseOffset(), 0) : entry(slot);
    }

    /** The entry in {@code slot}, with an absolute offset. */
    synchronized OffsetPosition entry(int slot) {
        if (slot < 0 || slot >= entries()) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + entries() + " entries in " + file());
        }
        return new OffsetPosition(baseOffset() + relativeOffset(slot), position(slot));
    }

    /** The offset of the last entry, or the base offset if there is none. */
    synchronized long lastOffset() {
        int n = entries();
        return n == 0 ? baseOffset() : baseOffset() + relativeOffset(n - 1);
    }

    /** Removes the entries for offsets at or above {@code offset}. */
    synchronized void truncateTo(long offset) {
        truncateToEntries(floorSlot(offset - baseOffset() - 1) + 1);
    }

    /** Whether some entry points at or beyond {@code logSize}, which only a damaged index does. */
    synchronized boolean pointsBeyond(int logSize) {
        int n = entries();
        return n > 0 && position(n - 1) >= logSize;
    }
}
