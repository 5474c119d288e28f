package io.tributary.streams.internal.state;

import io.tributary.streams.StreamsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A {@link BytesStore} in a RocksDB database of its own directory. Values are stored as an 8-byte big-endian
 * timestamp followed by the value bytes; RocksDB's default comparator orders keys as unsigned bytes, as the
 * in-memory store does. The write-ahead log is off: the changelog is what recovers a crash, and {@link #flush()}
 * runs before each checkpoint. Memory comes from the application's shared {@link RocksDbMemory}.
 *
 * <p>Written by its task's thread; readable from any thread (interactive queries). A read-write lock keeps reads
 * out of a database being closed: a native call on a closed handle would crash the JVM rather than throw.
 */
public final class RocksDbBytesStore implements BytesStore {
    private static final int TIMESTAMP_BYTES = 8;

    private final String name;
    private final Path directory;
    private final BloomFilter filter;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksDbBytesStore(String name, Path directory, BloomFilter filter, Options options,
                              WriteOptions writeOptions, RocksDB db) {
        this.name = name;
        this.directory = directory;
        this.filter = filter;
        this.options = options;
        this.writeOptions = writeOptions;
        this.db = db;
    }

    /**
     * Opens (creating if missing) the database of store {@code name} in {@code directory}. Blocking file IO.
     *
     * @throws StreamsException naming the directory if it cannot be created or opened
     */
    public static RocksDbBytesStore open(String name, Path directory, RocksDbMemory memory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new StreamsException("Cannot create the directory of persistent store " + name + " at "
                + directory + " (check state.dir): " + e, e);
        }
        BloomFilter filter = new BloomFilter(10);
        Options options = new Options();
        WriteOptions writeOptions = new WriteOptions();
        try {
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(memory.cache())
                .setFilterPolicy(filter)
                // Index and filter blocks live in the bounded cache instead of on the heap beside it.
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true)
                .setBlockSize(16 * 1024);
            options.setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setWriteBufferManager(memory.writeBuffers())
                .setWriteBufferSize(Math.max(1L << 20, Math.min(16L << 20, memory.maxBytes() / 8)))
                .setMaxWriteBufferNumber(3)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2);
            writeOptions.setDisableWAL(true);
            RocksDB db = RocksDB.open(options, directory.toString());
            return new RocksDbBytesStore(name, directory, filter, options, writeOptions, db);
        } catch (RocksDBException | RuntimeException e) {
            writeOptions.close();
            options.close();
            filter.close();
            throw new StreamsException("Cannot open persistent store " + name + " at " + directory + ": "
                + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public @Nullable StoredValue get(byte[] key) {
        lock.readLock().lock();
        try {
            checkOpen();
            byte[] stored = db.get(key);
            return stored == null ? null : decode(stored);
        } catch (RocksDBException e) {
            throw failure("read", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(byte[] key, StoredValue value) {
        lock.readLock().lock();
        try {
            checkOpen();
            db.put(writeOptions, key, encode(value));
        } catch (RocksDBException e) {
            throw failure("write", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        lock.readLock().lock();
        try {
            checkOpen();
            db.delete(writeOptions, key);
        } catch (RocksDBException e) {
            throw failure("delete from", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void deleteRange(byte[] from, byte[] to) {
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return;   // RocksDB rejects an empty or inverted range
        }
        lock.readLock().lock();
        try {
            checkOpen();
            db.deleteRange(writeOptions, from, to);
        } catch (RocksDBException e) {
            throw failure("delete a range from", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<BytesEntry> range(byte[] from, byte[] to) {
        if (Arrays.compareUnsigned(from, to) > 0) {
            return List.of();
        }
        return scan(from, key -> Arrays.compareUnsigned(key, to) <= 0, Integer.MAX_VALUE);
    }

    @Override
    public List<BytesEntry> page(byte[] from, int limit) {
        return scan(from, key -> true, limit);
    }

    @Override
    public List<BytesEntry> prefixScan(byte[] prefix) {
        return scan(prefix, key -> InMemoryBytesStore.startsWith(key, prefix), Integer.MAX_VALUE);
    }

    @Override
    public List<BytesEntry> all() {
        return scan(null, key -> true, Integer.MAX_VALUE);
    }

    /** The entries from {@code start} (or the first) while {@code inRange} holds, at most {@code limit}. */
    private List<BytesEntry> scan(byte @Nullable [] start, Predicate<byte[]> inRange, int limit) {
        lock.readLock().lock();
        try (RocksIterator it = checkOpen().newIterator()) {
            if (start == null) {
                it.seekToFirst();
            } else {
                it.seek(start);
            }
            List<BytesEntry> out = new ArrayList<>();
            for (; it.isValid() && out.size() < limit; it.next()) {
                byte[] key = it.key();
                if (!inRange.test(key)) {
                    break;
                }
                out.add(new BytesEntry(key, decode(it.value())));
            }
            it.status();   // an iterator that stopped on an error rather than at the end throws here
            return out;
        } catch (RocksDBException e) {
            throw failure("iterate", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long approximateNumEntries() {
        lock.readLock().lock();
        try {
            return checkOpen().getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("count", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void flush() {
        lock.readLock().lock();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            if (!closed) {
                db.flush(flush);
            }
        } catch (RocksDBException e) {
            throw failure("flush", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Flushes the memtables (the WAL is off, so unflushed writes would be lost) and frees every native handle. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            } catch (RocksDBException e) {
                throw failure("flush", e);
            } finally {
                db.close();
                writeOptions.close();
                options.close();
                filter.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private RocksDB checkOpen() {
        if (closed) {
            throw new IllegalStateException("Store " + name + " is closed (its task was closed or moved)");
        }
        return db;
    }

    private StreamsException failure(String what, RocksDBException e) {
        return new StreamsException("Failed to " + what + " persistent store " + name + " at " + directory + ": "
            + e.getMessage(), e);
    }

    private static byte[] encode(StoredValue value) {
        return ByteBuffer.allocate(TIMESTAMP_BYTES + value.value().length)
            .putLong(value.timestamp())
            .put(value.value())
            .array();
    }

    private static StoredValue decode(byte[] stored) {
        long timestamp = ByteBuffer.wrap(stored, 0, TIMESTAMP_BYTES).getLong();
        return new StoredValue(Arrays.copyOfRange(stored, TIMESTAMP_BYTES, stored.length), timestamp);
    }
}
