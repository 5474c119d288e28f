package io.tributary.broker.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * A memory-mapped file of fixed-size index entries, sorted by a key: the common part of {@link OffsetIndex} and
 * {@link TimeIndex}. A new file is preallocated to the maximum index size and mapped whole; {@link #trimToValidSize()}
 * (on roll and close) shrinks it to the entries written, which is the format Kafka's tools expect.
 *
 * <p>Thread-safe: every method synchronizes on the index, so lookups may run while the single writer (the owning
 * {@link LogSegment}, under its log's lock) appends, and a remap never races an access to the old mapping.
 */
abstract class AbstractIndex {
    private static final @Nullable Object UNSAFE;
    private static final @Nullable Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            // Unmaps eagerly so that deleted or trimmed index files do not keep disk space or mappings until GC.
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private final long baseOffset;
    private final int entrySize;
    private final int maxIndexSize;
    private Path file;
    private @Nullable MappedByteBuffer mmap;
    private int maxEntries;
    private volatile int entries;
    private final boolean loadedTrimmed;

    /**
     * Opens {@code file}, creating and preallocating it to {@code maxIndexSize} (rounded down to whole entries) if
     * it is missing or empty. An existing file keeps its length; its entries are the longest well-ordered prefix.
     */
    AbstractIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.maxIndexSize = maxIndexSize;
        boolean existing = Files.exists(file) && Files.size(file) > 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (!existing) {
                raf.setLength(roundDown(maxIndexSize));
            }
            long length = roundDown(raf.length());
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            maxEntries = (int) (length / entrySize);
        }
        if (existing) {
            int valid = 0;
            while (valid < maxEntries && isWellOrdered(valid)) {
                valid++;
            }
            entries = valid;
            loadedTrimmed = (long) valid * entrySize == Files.size(file);
        } else {
            entries = 0;
            loadedTrimmed = true;
        }
    }

    /** Whether the entry in {@code slot} is plausible and follows the one before it in order. */
    abstract boolean isWellOrdered(int slot);

    /** The search key of the entry in {@code slot}. */
    abstract long keyAt(int slot);

    final long baseOffset() {
        return baseOffset;
    }

    final int entries() {
        return entries;
    }

    final synchronized int maxEntries() {
        return maxEntries;
    }

    final synchronized boolean isFull() {
        return entries >= maxEntries;
    }

    final synchronized Path file() {
        return file;
    }

    /** Bytes of the valid entries, which is the file size after {@link #trimToValidSize()}. */
    final int sizeInBytes() {
        return entries * entrySize;
    }

    /**
     * Whether an existing file was exactly as long as its valid entries when opened; false means it was not trimmed
     * (unclean shutdown) or holds garbage, and its segment should rebuild it.
     */
    final boolean loadedTrimmed() {
        return loadedTrimmed;
    }

    /**
     * The live mapping; callers hold the index's monitor.
     *
     * @throws UncheckedIOException if the index was closed (its segment deleted or its log closed meanwhile)
     */
    final MappedByteBuffer buffer() {
        MappedByteBuffer b = mmap;
        if (b == null) {
            throw new UncheckedIOException(new IOException("index " + file + " is closed"));
        }
        return b;
    }

    final int entrySize() {
        return entrySize;
    }

    /** Publishes one more entry, already written to {@code slot == entries()} by the subclass. */
    final void commitEntry() {
        entries = entries + 1;
    }

    /** The slot of the last entry whose key is at most {@code key}, or -1 if there is none. */
    final synchronized int floorSlot(long key) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keyAt(mid) <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Drops every entry from {@code slot} on. */
    final synchronized void truncateToEntries(int slot) {
        entries = Math.max(0, Math.min(slot, entries));
    }

    /** Drops every entry and restores the preallocated size, for a rebuild. */
    final synchronized void reset() throws IOException {
        entries = 0;
        resize(maxIndexSize);
    }

    /** Remaps the file at {@code newSize} bytes, rounded down to whole entries and never below the valid entries. */
    final synchronized void resize(int newSize) throws IOException {
        long length = Math.max(roundDown(newSize), (long) entries * entrySize);
        MappedByteBuffer old = buffer();
        if (old.capacity() == length && Files.size(file) == length) {
            return;
        }
        unmap(old);
        mmap = null;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
            maxEntries = (int) (length / entrySize);
        }
    }

    /** Shrinks the file to its valid entries, so that nothing is appended any more (roll and close). */
    final synchronized void trimToValidSize() throws IOException {
        resize(entries * entrySize);
    }

    /** Writes dirty pages of the mapping to disk. */
    final synchronized void flush() {
        MappedByteBuffer b = mmap;
        if (b != null) {
            b.force();
        }
    }

    /** Renames the file; the mapping stays valid. */
    final synchronized void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        file = target;
    }

    /** Trims, flushes and unmaps the file; further use throws {@link UncheckedIOException}. Idempotent. */
    final synchronized void close() throws IOException {
        if (mmap != null) {
            trimToValidSize();
            flush();
            closeHandler();
        }
    }

    /** Unmaps without trimming (before a delete). Idempotent. */
    final synchronized void closeHandler() {
        MappedByteBuffer b = mmap;
        mmap = null;
        if (b != null) {
            unmap(b);
        }
    }

    /** Unmaps and deletes the file. */
    final synchronized void delete() throws IOException {
        closeHandler();
        Files.deleteIfExists(file);
    }

    private long roundDown(long size) {
        return size - size % entrySize;
    }

    private static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer.capacity() == 0) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // Best effort only: the mapping is released when the buffer is garbage collected.
        }
    }
}
