package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.internal.Directories;
import io.tributary.broker.internal.log.LogSegment.BatchPosition;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: a directory {@code <topic>-<partition>} of {@link LogSegment}s. Assigns offsets to
 * appended batches, rolls segments, serves reads by offset and by timestamp, applies retention and
 * {@code DeleteRecords}, tracks the recovery point and flushes by {@code flush.messages} / {@code flush.ms}.
 *
 * <p>Thread-safety: thread-safe. Appends and every structural change (roll, retention, truncation, compaction swap,
 * flush, close) are serialized by a lock. Reads take no lock and may run concurrently with appends: the log end
 * (offset and byte position) is published in one volatile write after a batch is fully written, and readers never
 * look past the end they saw. All methods do blocking file IO: call them from an IO scheduler, never from an event
 * loop. An {@link IOException} on the write path takes the log offline: that call and every later one throws
 * {@link LogStorageException} (Kafka's {@code KAFKA_STORAGE_ERROR}); other partitions are unaffected.
 */
public final class PartitionLog {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    /** The log end: next offset, and the segment and byte position where it lies. */
    private record LogEnd(long offset, long segmentBaseOffset, int position) {
    }

    private final Path dir;
    private final TopicPartition topicPartition;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final DeletedSegments deleted = new DeletedSegments();
    private volatile LogConfig config;
    private volatile LogEnd end;
    private volatile long logStartOffset;
    private volatile long highWatermark;
    private volatile long recoveryPoint;
    private volatile long cleanerCheckpoint;
    private volatile @Nullable IOException failure;
    private volatile boolean closed;
    private long unflushedMessages;
    private long lastFlushMs;

    private PartitionLog(Path dir, TopicPartition tp, LogConfig config, LongSupplier clock, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.topicPartition = tp;
        this.config = config;
        this.clock = clock;
        for (LogSegment segment : loaded.segments()) {
            segments.put(segment.baseOffset(), segment);
        }
        LogSegment active = segments.lastEntry().getValue();
        this.end = new LogEnd(loaded.logEndOffset(), active.baseOffset(), active.size());
        this.logStartOffset = loaded.logStartOffset();
        this.highWatermark = loaded.logEndOffset();
        this.recoveryPoint = loaded.logEndOffset();
        this.cleanerCheckpoint = loaded.logStartOffset();
        this.lastFlushMs = clock.getAsLong();
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it from {@code recoveryPoint}: segments from the
     * one holding the recovery point on are validated batch by batch and a torn or corrupt tail is truncated.
     *
     * @param recoveryPoint  offset below which the data is known to be flushed (from the recovery-point checkpoint;
     *                       0 validates everything)
     * @param logStartOffset the log start offset from the checkpoint (0 if none)
     * @param clock          current time in milliseconds, for flush.ms and file deletion delays
     * @throws IOException if the directory cannot be read or a segment cannot be opened
     */
    public static PartitionLog open(Path dir, TopicPartition tp, LogConfig config, long recoveryPoint,
                                    long logStartOffset, LongSupplier clock) throws IOException {
        requireNonNull(dir, "dir");
        requireNonNull(tp, "tp");
        requireNonNull(config, "config");
        requireNonNull(clock, "clock");
        LogLoader.Loaded loaded = LogLoader.load(dir, tp, config, recoveryPoint, logStartOffset);
        return new PartitionLog(dir, tp, config, clock, loaded);
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Replaces the configuration; segment sizes and index sizes apply to segments created from now on. */
    public void config(LogConfig newConfig) {
        requireNonNull(newConfig, "newConfig");
        this.config = newConfig;
    }

    /** The first offset still stored. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return end.offset();
    }

    /** The high watermark: equal to the log end offset after each append (single replica). */
    public long highWatermark() {
        return highWatermark;
    }

    /** Sets the high watermark, clamped between the log start and end offsets (for replication). */
    public void highWatermark(long offset) {
        highWatermark = Math.max(logStartOffset, Math.min(offset, end.offset()));
    }

    /** The offset below which all data is flushed to disk. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** Total bytes of all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    /** Number of segments, the active one included. */
    public int segmentCount() {
        return segments.size();
    }

    /** Whether an earlier disk error took this log offline. */
    public boolean isOffline() {
        return failure != null;
    }

    /**
     * Appends the record batches in {@code batches}'s readable bytes, giving them contiguous offsets from the log end
     * offset. Each batch's baseOffset and partitionLeaderEpoch are stamped in place (outside the CRC); with
     * {@code logAppendTime}, its maxTimestamp becomes {@code appendTimeMs}, the timestamp-type bit is set and the
     * CRC recomputed. The buffer must be writable; its indexes do not move and it is not released.
     *
     * <p>Content validation (CRC, record counts, sequences) is the caller's job; this only checks the framing.
     * With {@code flush.messages} reached, the log is fsynced before this returns.
     *
     * @throws InvalidRecordException if the bytes are not whole magic-2 batches
     * @throws LogStorageException    on a disk error (the log goes offline) or if the log is closed
     */
    public AppendResult append(ByteBuf batches, int leaderEpoch, long appendTimeMs, boolean logAppendTime) {
        requireNonNull(batches, "batches");
        AppendBatches checked = AppendBatches.check(batches, topicPartition);
        lock.lock();
        try {
            ensureOpen();
            long firstOffset = end.offset();
            LogSegment active = maybeRoll(checked.bytes(), firstOffset + checked.offsets() - 1, appendTimeMs);
            long next = AppendBatches.stamp(batches, firstOffset, leaderEpoch, appendTimeMs, logAppendTime);
            try {
                active.append(batches, appendTimeMs);
            } catch (IOException e) {
                throw fail("append", e);
            }
            end = new LogEnd(next, active.baseOffset(), active.size());
            highWatermark = next;
            unflushedMessages += checked.records();
            if (unflushedMessages >= config.flushMessages()) {
                flushLocked();
            }
            return new AppendResult(firstOffset, next - 1, logAppendTime ? appendTimeMs : -1, logStartOffset,
                checked.records(), checked.bytes());
        } finally {
            lock.unlock();
        }
    }

    private LogSegment maybeRoll(int bytes, long lastOffset, long nowMs) {
        LogSegment active = activeSegment();
        LogConfig c = config;
        boolean roll = active.size() > 0
            && ((long) active.size() + bytes > c.segmentBytes()
            || active.rollingBaseTimestamp() >= 0 && nowMs - active.rollingBaseTimestamp() > c.segmentMs()
            || active.indexFull()
            || lastOffset - active.baseOffset() > Integer.MAX_VALUE);
        return roll ? rollLocked() : active;
    }

    /** Starts a new active segment at the log end offset, unless the active one is empty. */
    public void roll() {
        lock.lock();
        try {
            ensureOpen();
            if (activeSegment().size() > 0) {
                rollLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private LogSegment rollLocked() {
        LogSegment old = activeSegment();
        long newBase = end.offset();
        try {
            old.onBecomeInactive();
            LogSegment fresh = LogSegment.create(dir, newBase, config, "");
            segments.put(newBase, fresh);
            end = new LogEnd(newBase, newBase, 0);
            // Everything before the new segment becomes durable now, so recovery never has to re-read it.
            Long from = segments.floorKey(recoveryPoint);
            for (LogSegment s : segments.subMap(from == null ? segments.firstKey() : from, newBase).values()) {
                s.flush();
            }
            recoveryPoint = Math.max(recoveryPoint, newBase);
            unflushedMessages = 0;
            lastFlushMs = clock.getAsLong();
            return fresh;
        } catch (IOException e) {
            throw fail("roll", e);
        }
    }

    /**
     * Reads from {@code fetchOffset}: the batch holding it and the batches after it in the same segment, up to
     * {@code maxBytes} and never at or beyond {@code maxOffsetExclusive} (the high watermark or last stable offset).
     * With {@code minOneBatch} the first batch is returned whole even if it is larger than {@code maxBytes}
     * (KIP-74); otherwise the slice is cut at exactly {@code maxBytes}. Lock-free.
     *
     * @return the slice, empty when there is nothing to read yet
     * @throws OffsetOutOfRangeException if {@code fetchOffset} is below the log start or above the log end offset
     * @throws LogStorageException       on a disk error
     */
    public FetchSlice read(long fetchOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
        }
        ensureOpen();
        LogEnd endNow = end;
        long start = logStartOffset;
        if (fetchOffset < start || fetchOffset > endNow.offset()) {
            throw new OffsetOutOfRangeException("offset " + fetchOffset + " is out of range for " + topicPartition
                + ": log start offset " + start + ", log end offset " + endNow.offset());
        }
        if (fetchOffset == endNow.offset() || fetchOffset >= maxOffsetExclusive) {
            return FetchSlice.empty();
        }
        try {
            Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
            while (entry != null && entry.getKey() <= endNow.segmentBaseOffset()) {
                LogSegment segment = entry.getValue();
                int maxPosition = maxPosition(segment, endNow, maxOffsetExclusive);
                FetchSlice slice = segment.read(fetchOffset, maxBytes, maxPosition, minOneBatch);
                if (slice != null) {
                    return slice;
                }
                entry = segments.higherEntry(entry.getKey());
            }
            return FetchSlice.empty();
        } catch (IOException | UncheckedIOException e) {
            throw new LogStorageException("cannot read " + topicPartition + " at offset " + fetchOffset + ": " + e,
                e);
        }
    }

    private static int maxPosition(LogSegment segment, LogEnd endNow, long maxOffsetExclusive) throws IOException {
        int limit = segment.baseOffset() == endNow.segmentBaseOffset() ? endNow.position() : segment.size();
        if (maxOffsetExclusive >= endNow.offset()) {
            return limit;
        }
        BatchPosition bound = segment.translateOffset(maxOffsetExclusive, 0, limit);
        if (bound == null) {
            return limit;
        }
        return bound.baseOffset() < maxOffsetExclusive ? bound.position() + bound.sizeInBytes() : bound.position();
    }

    /**
     * ListOffsets by time: the first record at or after the log start offset, and below the high watermark, whose
     * timestamp is at least {@code timestamp} (found through the time indexes, then by scanning batches).
     *
     * @return the record, or {@link TimestampAndOffset#none()} (-1, -1) if no record qualifies
     * @throws IllegalArgumentException for a negative timestamp (the special ListOffsets values are the caller's)
     */
    public TimestampAndOffset offsetForTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
        }
        ensureOpen();
        long start = logStartOffset;
        long limit = highWatermark;
        try {
            Long first = segments.floorKey(start);
            for (LogSegment segment : segments.tailMap(first == null ? start : first).values()) {
                if (segment.maxTimestampSoFar().timestamp() < timestamp) {
                    continue;
                }
                TimestampAndOffset found = segment.findOffsetByTimestamp(timestamp, start);
                if (found != null) {
                    return found.offset() < limit ? found : TimestampAndOffset.none();
                }
            }
            return TimestampAndOffset.none();
        } catch (IOException | UncheckedIOException e) {
            throw new LogStorageException("cannot search " + topicPartition + " by timestamp: " + e, e);
        }
    }

    /** ListOffsets MAX_TIMESTAMP (-3): the first record with the largest timestamp, or (-1, -1) if none. */
    public TimestampAndOffset maxTimestampOffset() {
        ensureOpen();
        LogSegment best = null;
        long bestTimestamp = -1;
        Long first = segments.floorKey(logStartOffset);
        for (LogSegment segment : segments.tailMap(first == null ? 0L : first).values()) {
            long ts = segment.maxTimestampSoFar().timestamp();
            if (ts > bestTimestamp) {
                bestTimestamp = ts;
                best = segment;
            }
        }
        try {
            TimestampAndOffset found = best == null ? null : best.maxTimestampRecord();
            return found == null ? TimestampAndOffset.none() : found;
        } catch (IOException | UncheckedIOException e) {
            throw new LogStorageException("cannot read " + topicPartition + ": " + e, e);
        }
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} and deletes the segments entirely below it.
     *
     * @return the new log start offset
     * @throws OffsetOutOfRangeException if {@code offset} is above the high watermark
     */
    public long deleteRecordsBefore(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset > highWatermark) {
                throw new OffsetOutOfRangeException("cannot delete records of " + topicPartition + " before offset "
                    + offset + ": above the high watermark " + highWatermark);
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                deleteSegmentsBelowStart();
            }
            return logStartOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Retention for logs whose cleanup policy includes delete: removes closed segments whose newest record is older
     * than {@code retention.ms} (rolling an expired, non-empty active segment first), then the oldest segments while
     * the log exceeds {@code retention.bytes}, and moves the log start offset. Also removes segments below the log
     * start offset and the files of deleted segments whose {@code file.delete.delay.ms} has passed.
     *
     * @return the number of segments deleted
     */
    public int applyRetention(long nowMs) {
        lock.lock();
        try {
            ensureOpen();
            LogConfig c = config;
            int deleted = deleteSegmentsBelowStart();
            if (c.cleanupPolicy().deletes() && c.retentionMs() >= 0) {
                LogSegment oldest = segments.firstEntry().getValue();
                while (oldest.largestTimestamp() < nowMs - c.retentionMs()) {
                    if (oldest == activeSegment()) {
                        if (oldest.size() == 0) {
                            break;
                        }
                        rollLocked();
                    }
                    deleteSegment(oldest, nowMs);
                    deleted++;
                    oldest = segments.firstEntry().getValue();
                }
            }
            if (c.cleanupPolicy().deletes() && c.retentionBytes() >= 0) {
                long excess = sizeInBytes() - c.retentionBytes();
                LogSegment oldest = segments.firstEntry().getValue();
                while (oldest != activeSegment() && oldest.size() <= excess) {
                    excess -= oldest.size();
                    deleteSegment(oldest, nowMs);
                    deleted++;
                    oldest = segments.firstEntry().getValue();
                }
            }
            if (deleted > 0) {
                logStartOffset = Math.max(logStartOffset, segments.firstKey());
                highWatermark = Math.max(highWatermark, logStartOffset);
            }
            deleteExpiredFilesLocked(nowMs);
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    private int deleteSegmentsBelowStart() {
        int deleted = 0;
        long now = clock.getAsLong();
        while (segments.size() > 1) {
            Map.Entry<Long, LogSegment> first = segments.firstEntry();
            Long next = segments.higherKey(first.getKey());
            if (next == null || next > logStartOffset) {
                break;
            }
            deleteSegment(first.getValue(), now);
            deleted++;
        }
        return deleted;
    }

    private void deleteSegment(LogSegment segment, long nowMs) {
        segments.remove(segment.baseOffset(), segment);
        retire(segment, nowMs);
    }

    /** Renames a segment that left the log to {@code .deleted} and deletes it now or after the delay. */
    private void retire(LogSegment segment, long nowMs) {
        try {
            deleted.retire(segment, false, nowMs, config.fileDeleteDelayMs());
        } catch (IOException e) {
            throw fail("delete segment " + segment.logFile(), e);
        }
    }

    /** Removes the files of deleted segments whose {@code file.delete.delay.ms} has passed. */
    public void deleteExpiredFiles(long nowMs) {
        lock.lock();
        try {
            deleteExpiredFilesLocked(nowMs);
        } finally {
            lock.unlock();
        }
    }

    private void deleteExpiredFilesLocked(long nowMs) {
        deleted.deleteDue(nowMs);
    }

    /**
     * Removes everything from {@code offset} on (the whole batch holding it), for replica truncation. The log end
     * offset becomes the end of the last remaining batch; the recovery point and high watermark follow it down.
     */
    public void truncateTo(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset >= end.offset()) {
                return;
            }
            long now = clock.getAsLong();
            if (segments.firstKey() >= offset) {
                for (LogSegment segment : new ArrayList<>(segments.values())) {
                    deleteSegment(segment, now);
                }
                segments.put(offset, LogSegment.create(dir, offset, config, ""));
                logStartOffset = offset;
            } else {
                for (LogSegment segment : new ArrayList<>(segments.tailMap(offset, true).values())) {
                    deleteSegment(segment, now);
                }
            }
            LogSegment active = activeSegment();
            active.truncateTo(offset);
            active.resizeIndexes(config.segmentIndexBytes());
            long next = active.readNextOffset(false);
            end = new LogEnd(next, active.baseOffset(), active.size());
            highWatermark = Math.min(highWatermark, next);
            recoveryPoint = Math.min(recoveryPoint, next);
            logStartOffset = Math.min(logStartOffset, next);
        } catch (IOException e) {
            throw fail("truncate", e);
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs every segment with unflushed data and moves the recovery point to the log end offset. */
    public void flush() {
        lock.lock();
        try {
            ensureOpen();
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Flushes if data is unflushed for at least {@code flush.ms}. */
    public void flushIfDue(long nowMs) {
        lock.lock();
        try {
            if (failure == null && !closed && end.offset() > recoveryPoint
                && nowMs - lastFlushMs >= config.flushMs()) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked() {
        long target = end.offset();
        if (target > recoveryPoint || unflushedMessages > 0) {
            try {
                Long from = segments.floorKey(recoveryPoint);
                for (LogSegment segment : segments.tailMap(from == null ? segments.firstKey() : from).values()) {
                    segment.flush();
                }
            } catch (IOException e) {
                throw fail("flush", e);
            }
            recoveryPoint = target;
        }
        unflushedMessages = 0;
        lastFlushMs = clock.getAsLong();
    }

    /** Flushes, seals the active segment (trimmed indexes) and closes every file. Idempotent. */
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (failure == null) {
                try {
                    flushLocked();
                } catch (LogStorageException e) {
                    LOG.warn("{}: flush on close failed; closing anyway", topicPartition);
                }
            }
            closed = true;
            IOException error = null;
            for (LogSegment segment : segments.values()) {
                try {
                    if (failure == null) {
                        segment.close();
                    } else {
                        segment.closeHandlers();
                    }
                } catch (IOException e) {
                    segment.closeHandlers();
                    error = e;
                }
            }
            deleteExpiredFilesLocked(Long.MAX_VALUE);
            if (error != null) {
                throw new LogStorageException("cannot close " + topicPartition + ": " + error, error);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the files without flushing and deletes the whole directory. */
    public void deleteAll() {
        lock.lock();
        try {
            closeHandlesLocked();
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new LogStorageException("cannot delete " + dir + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the log closed and releases its file handles without flushing (before the directory is deleted). */
    void closeHandles() {
        lock.lock();
        try {
            closeHandlesLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeHandlesLocked() {
        closed = true;
        for (LogSegment segment : segments.values()) {
            segment.closeHandlers();
        }
        deleted.closeAll();
    }

    // ---- for LogCleaner and tests ----

    LogSegment activeSegment() {
        return segments.lastEntry().getValue();
    }

    /** The segments in offset order, the active one last. */
    List<LogSegment> segments() {
        return List.copyOf(segments.values());
    }

    long cleanerCheckpoint() {
        return cleanerCheckpoint;
    }

    void cleanerCheckpoint(long offset) {
        cleanerCheckpoint = offset;
    }

    /**
     * Swaps compacted {@code cleaned} (a {@code .cleaned} segment, sealed and flushed) in for {@code sources}, as
     * Kafka does: {@code .cleaned} becomes {@code .swap}, the sources become {@code .deleted}, the swap takes its
     * final name. A crash at any step is completed or undone by {@link LogLoader}.
     *
     * @return false, without changing anything, if the sources are no longer all in the log (retention or
     *         truncation ran meanwhile) or the log was closed
     */
    boolean replaceSegments(List<LogSegment> sources, LogSegment cleaned) {
        lock.lock();
        try {
            if (closed || failure != null) {
                return false;
            }
            for (LogSegment source : sources) {
                if (segments.get(source.baseOffset()) != source || source == activeSegment()) {
                    return false;
                }
            }
            long now = clock.getAsLong();
            try {
                cleaned.changeFileSuffix(LogSegment.CLEANED_SUFFIX, LogSegment.SWAP_SUFFIX);
                for (LogSegment source : sources) {
                    source.changeFileSuffix("", LogSegment.DELETED_SUFFIX);
                }
                cleaned.changeFileSuffix(LogSegment.SWAP_SUFFIX, "");
            } catch (IOException e) {
                throw fail("swap cleaned segment", e);
            }
            // The cleaned segment replaces the first source in one step, so a concurrent reader never finds a gap.
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment source : sources) {
                if (source.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(source.baseOffset(), source);
                }
            }
            for (LogSegment source : sources) {
                deleted.retire(source, true, now, config.fileDeleteDelayMs());
            }
            return true;
        } catch (IOException e) {
            throw fail("delete replaced segments", e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw LogStorageException.closed("the log of " + topicPartition + " is closed");
        }
        IOException f = failure;
        if (f != null) {
            throw new LogStorageException(topicPartition + " is offline after a disk error: " + f, f);
        }
    }

    private LogStorageException fail(String operation, IOException e) {
        failure = e;
        LOG.error("{} is offline: {} failed", topicPartition, operation, e);
        return new LogStorageException(topicPartition + " is offline: " + operation + " failed: " + e, e);
    }

    @Override
    public String toString() {
        return "PartitionLog(" + topicPartition + ", start=" + logStartOffset + ", end=" + end.offset()
            + ", segments=" + segments.size() + ")";
    }
}
