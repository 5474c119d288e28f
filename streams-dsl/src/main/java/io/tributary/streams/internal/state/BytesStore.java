package io.tributary.streams.internal.state;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The storage under a key-value store: serialized keys in unsigned lexicographic byte order (Kafka Streams' order),
 * each mapped to a value and its record timestamp. In memory ({@link InMemoryBytesStore}) or on disk
 * ({@link RocksDbBytesStore}), so that the typed store logic exists once. Written by one thread; implementations
 * state whether reads from other threads are safe.
 */
public interface BytesStore {
    @Nullable StoredValue get(byte[] key);

    void put(byte[] key, StoredValue value);

    void delete(byte[] key);

    /** Deletes the entries with {@code from <= key < to} (RocksDB's {@code deleteRange}: one tombstone, no scan). */
    void deleteRange(byte[] from, byte[] to);

    /** The entries with {@code from <= key <= to}, in key order. */
    List<BytesEntry> range(byte[] from, byte[] to);

    /** At most {@code limit} entries from {@code from} (inclusive) on, in key order: a page of a long scan. */
    List<BytesEntry> page(byte[] from, int limit);

    /** The entries whose key starts with {@code prefix}, in key order. */
    List<BytesEntry> prefixScan(byte[] prefix);

    /** Every entry, in key order. */
    List<BytesEntry> all();

    long approximateNumEntries();

    /** Makes every write so far durable (no-op in memory): called before a checkpoint names what the files hold. */
    void flush();

    /** Releases the storage; in memory the contents are dropped, on disk they stay for the next open. */
    void close();

    /** Whether the contents outlive {@link #close()}. */
    boolean persistent();
}
