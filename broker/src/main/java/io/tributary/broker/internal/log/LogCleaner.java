package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.TimestampType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts partition logs whose cleanup policy includes {@code compact}: keeps only the latest record per key in
 * the closed segments. One round builds a map key → latest offset over the dirty section (from the cleaner
 * checkpoint up to the active segment, or to the first segment younger than {@code min.compaction.lag.ms}), then
 * rewrites every closed segment up to the end of that section: records shadowed by a later one with the same key
 * are dropped, as are records without a key and tombstones (null values) in segments older than
 * {@code delete.retention.ms}. Records of transactions never shadow older ones (an aborted transaction must not
 * hide a committed value), and control batches are kept. Offsets never change: a rewritten batch keeps its base
 * offset, producer fields and the offsets of its retained records; a batch left empty is dropped; compressed batches
 * are decompressed, filtered and recompressed with the same codec. A round starts only when the dirty ratio reaches
 * {@code min.cleanable.dirty.ratio}, or when dirty data is older than {@code max.compaction.lag.ms}.
 *
 * <p>Consecutive segments are merged while their combined size fits {@code segment.bytes}. Each result is written
 * to {@code .cleaned} files outside the log's lock, so appends are never held up by cleaning, and swapped in under
 * the lock via {@code .swap} files, so that a crash at any point is undone or completed on the next open.
 *
 * <p>Thread-safe and stateless: one instance may clean several logs concurrently, but a given log must be cleaned
 * by one thread at a time (the broker runs the cleaner from a single background task).
 */
public final class LogCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);
    private static final int DEFAULT_MAX_KEYS = 1 << 20;

    /**
     * What one cleaning round did.
     *
     * @param firstDirtyOffset  where the dirty section started
     * @param endOffset         where it ended: the new cleaner checkpoint
     * @param segmentsRewritten source segments rewritten
     * @param bytesBefore       their total size before
     * @param bytesAfter        the total size of the cleaned segments
     * @param recordsRemoved    records dropped
     */
    public record CleanResult(long firstDirtyOffset, long endOffset, int segmentsRewritten, long bytesBefore,
                              long bytesAfter, long recordsRemoved) {
    }

    private final int maxKeysPerRound;

    /** A cleaner whose offset map holds up to about a million keys per round. */
    public LogCleaner() {
        this(DEFAULT_MAX_KEYS);
    }

    /**
     * A cleaner whose offset map stops growing, at a segment boundary, once it holds {@code maxKeysPerRound} keys;
     * the rest of the dirty section waits for the next round.
     */
    public LogCleaner(int maxKeysPerRound) {
        if (maxKeysPerRound <= 0) {
            throw new IllegalArgumentException("maxKeysPerRound must be positive, was " + maxKeysPerRound);
        }
        this.maxKeysPerRound = maxKeysPerRound;
    }

    /**
     * Runs one cleaning round on {@code log} if its policy, dirty ratio and lags call for one.
     *
     * @return what was done, or null if nothing was (not compacted, nothing cleanable, ratio too low, or the log
     *         changed underneath, e.g. retention deleted a segment being cleaned)
     * @throws LogStorageException on a disk error
     */
    public @Nullable CleanResult clean(PartitionLog log, long nowMs) {
        requireNonNull(log, "log");
        LogConfig config = log.config();
        List<LogSegment> all = log.segments();
        if (!config.cleanupPolicy().compacts() || all.size() < 2) {
            return null;
        }
        int closedCount = all.size() - 1;
        long firstDirty = Math.max(log.cleanerCheckpoint(), log.logStartOffset());
        long firstUncleanable = all.get(closedCount).baseOffset();
        long cleanBytes = 0;
        long dirtyBytes = 0;
        long earliestDirty = Long.MAX_VALUE;
        for (int i = 0; i < closedCount; i++) {
            LogSegment segment = all.get(i);
            if (all.get(i + 1).baseOffset() <= firstDirty) {
                cleanBytes += segment.size();
            } else if (segment.baseOffset() < firstUncleanable) {
                if (segment.largestTimestamp() > nowMs - config.minCompactionLagMs()) {
                    firstUncleanable = segment.baseOffset();
                    continue;
                }
                dirtyBytes += segment.size();
                long first = segment.rollingBaseTimestamp();
                earliestDirty = Math.min(earliestDirty, first >= 0 ? first : segment.largestTimestamp());
            }
        }
        if (dirtyBytes == 0) {
            return null;
        }
        double ratio = (double) dirtyBytes / (cleanBytes + dirtyBytes);
        boolean overdue = earliestDirty < nowMs - config.maxCompactionLagMs();
        if (ratio < config.minCleanableDirtyRatio() && !overdue) {
            return null;
        }
        try {
            return cleanRange(log, config, all, firstDirty, firstUncleanable, nowMs);
        } catch (IOException | UncheckedIOException e) {
            if (!log.segments().containsAll(all.subList(0, closedCount))) {
                // Retention or truncation removed a segment being read: not a disk error, just try again later.
                LOG.info("{}: compaction abandoned, the log changed while it ran: {}", log.topicPartition(),
                    e.toString());
                return null;
            }
            throw new LogStorageException("cannot compact " + log.topicPartition() + ": " + e, e);
        }
    }

    private @Nullable CleanResult cleanRange(PartitionLog log, LogConfig config, List<LogSegment> all,
                                             long firstDirty, long firstUncleanable, long nowMs) throws IOException {
        Map<ByteBuffer, Long> latest = new HashMap<>();
        long endOffset = firstDirty;
        for (int i = 0; i < all.size() - 1 && all.get(i).baseOffset() < firstUncleanable; i++) {
            if (all.get(i + 1).baseOffset() <= firstDirty) {
                continue;
            }
            all.get(i).forEachBatch((batch, position) -> {
                RecordBatch view = RecordBatch.wrap(batch);
                // A transactional record may belong to an aborted transaction, so it must not make an older
                // record of its key obsolete: only non-transactional records enter the map.
                if (!view.isControl() && !view.isTransactional()) {
                    for (Record r : view.records()) {
                        byte[] key = r.keyBytes();
                        if (key != null) {
                            latest.put(ByteBuffer.wrap(key), r.offset());
                        }
                    }
                }
            });
            endOffset = all.get(i + 1).baseOffset();
            if (latest.size() >= maxKeysPerRound) {
                break;
            }
        }
        List<LogSegment> toClean = new ArrayList<>();
        for (int i = 0; i < all.size() - 1 && all.get(i).baseOffset() < endOffset; i++) {
            toClean.add(all.get(i));
        }
        long[] stats = new long[3];
        int rewritten = 0;
        for (List<LogSegment> group : group(toClean, all, config)) {
            if (!cleanGroup(log, config, group, latest, nowMs, stats)) {
                LOG.info("{}: compaction abandoned, the log changed while it ran", log.topicPartition());
                return null;
            }
            rewritten += group.size();
        }
        log.cleanerCheckpoint(endOffset);
        CleanResult result = new CleanResult(firstDirty, endOffset, rewritten, stats[0], stats[1], stats[2]);
        LOG.debug("{}: {}", log.topicPartition(), result);
        return result;
    }

    /** Consecutive segments whose combined size fits one segment and whose offsets fit one index. */
    private static List<List<LogSegment>> group(List<LogSegment> segments, List<LogSegment> all, LogConfig config) {
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            List<LogSegment> group = new ArrayList<>();
            LogSegment first = segments.get(i);
            group.add(first);
            long bytes = first.size();
            int j = i + 1;
            while (j < segments.size()) {
                LogSegment next = segments.get(j);
                long endOfNext = all.get(j + 1).baseOffset();
                if (bytes + next.size() > config.segmentBytes()
                    || endOfNext - 1 - first.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                group.add(next);
                bytes += next.size();
                j++;
            }
            groups.add(group);
            i = j;
        }
        return groups;
    }

    private static boolean cleanGroup(PartitionLog log, LogConfig config, List<LogSegment> group,
                                      Map<ByteBuffer, Long> latest, long nowMs, long[] stats) throws IOException {
        LogSegment cleaned = LogSegment.create(log.dir(), group.get(0).baseOffset(), config,
            LogSegment.CLEANED_SUFFIX);
        boolean swapped = false;
        try {
            long lastModified = 0;
            for (LogSegment source : group) {
                boolean dropTombstones = source.largestTimestamp() < nowMs - config.deleteRetentionMs();
                long rollTime = source.rollingBaseTimestamp();
                source.forEachBatch((batch, position) -> {
                    ByteBuf kept = filter(batch, latest, dropTombstones, stats);
                    if (kept != null) {
                        try {
                            cleaned.append(kept, rollTime);
                        } finally {
                            if (kept != batch) {
                                kept.release();
                            }
                        }
                    }
                });
                stats[0] += source.size();
                lastModified = Math.max(lastModified, source.lastModified());
            }
            cleaned.onBecomeInactive();
            cleaned.flush();
            cleaned.lastModified(lastModified);
            stats[1] += cleaned.size();
            swapped = log.replaceSegments(group, cleaned);
            return swapped;
        } finally {
            if (!swapped) {
                cleaned.delete();
            }
        }
    }

    /**
     * The batch to keep in place of {@code batch}: itself when every record stays (and for control batches), null
     * when none does, else a rebuilt batch (released by the caller).
     */
    private static @Nullable ByteBuf filter(ByteBuf batch, Map<ByteBuffer, Long> latest, boolean dropTombstones,
                                            long[] stats) {
        RecordBatch view = RecordBatch.wrap(batch);
        if (view.isControl()) {
            return batch;
        }
        List<Record> kept = new ArrayList<>();
        int total = 0;
        for (Record r : view.records()) {
            total++;
            if (retain(r, latest, dropTombstones)) {
                kept.add(r);
            }
        }
        stats[2] += total - kept.size();
        if (kept.size() == total) {
            return batch;
        }
        if (kept.isEmpty()) {
            return null;
        }
        RecordBatchBuilder builder = RecordBatchBuilder.create(UnpooledByteBufAllocator.DEFAULT)
            .compression(view.compression())
            .baseOffset(view.baseOffset())
            .producer(view.producerId(), view.producerEpoch(), view.baseSequence())
            .transactional(view.isTransactional())
            .partitionLeaderEpoch(view.partitionLeaderEpoch());
        if (view.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(view.maxTimestamp());
        }
        try {
            for (Record r : kept) {
                builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
            }
            return builder.build();
        } catch (RuntimeException e) {
            builder.release();
            throw e;
        }
    }

    private static boolean retain(Record r, Map<ByteBuffer, Long> latest, boolean dropTombstones) {
        byte[] key = r.keyBytes();
        if (key == null) {
            return false;
        }
        Long newest = latest.get(ByteBuffer.wrap(key));
        if (newest != null && newest > r.offset()) {
            return false;
        }
        return r.value() != null || !dropTombstones;
    }
}
