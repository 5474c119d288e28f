package io.tributary.streams.internal.state;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory all RocksDB stores of one application share: one LRU block cache of {@code maxBytes} holding
 * data, index and filter blocks, and a write buffer manager that charges memtables to that same cache, so that the
 * total stays near {@code maxBytes} however many stores and tasks there are (RocksDB would otherwise give each store
 * its own cache and memtables). Owned by the task factory; thread-safe (RocksDB's objects are).
 */
public final class RocksDbMemory implements AutoCloseable {
    /** The cache share kept for index and filter blocks, so that data blocks cannot evict them. */
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private final long maxBytes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;

    private RocksDbMemory(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = new LRUCache(maxBytes, -1, false, HIGH_PRIORITY_RATIO);
        // Memtables may take half; what they use is charged to the cache and evicts blocks.
        this.writeBuffers = new WriteBufferManager(maxBytes / 2, cache);
    }

    /**
     * Loads the native library (extracting it to a temporary file the first time: blocking IO, so never called on
     * an event loop) and allocates the shared cache.
     */
    public static RocksDbMemory create(long maxBytes) {
        RocksDB.loadLibrary();
        return new RocksDbMemory(maxBytes);
    }

    public long maxBytes() {
        return maxBytes;
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    /** Bytes the cache holds now, memtable reservations included. */
    public long usage() {
        return cache.getUsage();
    }

    /** Drops this handle; stores still open keep the native cache alive until they close. */
    @Override
    public void close() {
        writeBuffers.close();
        cache.close();
    }
}
