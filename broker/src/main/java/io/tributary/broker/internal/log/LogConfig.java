package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * The storage settings of one partition log, with Kafka's topic-config meaning and defaults (PROTOCOL.md 7.1).
 * Immutable and thread-safe; each one-argument method named after a setting returns a copy with that setting
 * changed, so one instance can serve as a template.
 *
 * <p>Defaults, as in Kafka: {@code segment.bytes} 1 GiB, {@code segment.ms} 7 days, {@code segment.index.bytes}
 * 10 MiB, {@code index.interval.bytes} 4096, {@code retention.ms} 7 days (-1 = forever), {@code retention.bytes}
 * -1 (no limit), {@code cleanup.policy} delete, {@code delete.retention.ms} 1 day,
 * {@code min.cleanable.dirty.ratio} 0.5, {@code min.compaction.lag.ms} 0, {@code max.compaction.lag.ms} and
 * {@code flush.messages} / {@code flush.ms} {@link Long#MAX_VALUE} (rely on the OS), {@code file.delete.delay.ms}
 * 60 s, {@code preallocate} false. Unlike Kafka, small {@code segment.bytes} values are accepted (tests use them).
 *
 * @param segmentBytes           roll a segment before it would exceed this size ({@code segment.bytes})
 * @param segmentMs              roll a segment this long after its first append ({@code segment.ms})
 * @param segmentIndexBytes      preallocated size of each {@code .index} / {@code .timeindex}
 * @param indexIntervalBytes     log bytes between two sparse index entries
 * @param retentionMs            delete closed segments whose newest record is older than this; -1 = forever
 * @param retentionBytes         delete the oldest segments while the log is larger than this; -1 = no limit
 * @param cleanupPolicy          delete (retention), compact, or both
 * @param deleteRetentionMs      how long tombstones survive compaction
 * @param minCleanableDirtyRatio dirty bytes / cleanable bytes that triggers compaction
 * @param minCompactionLagMs     records younger than this are never compacted
 * @param maxCompactionLagMs     dirty records older than this force compaction whatever the ratio
 * @param flushMessages          fsync after this many appended records; 1 = before every append returns
 * @param flushMs                fsync when unflushed data is older than this
 * @param fileDeleteDelayMs      delay between renaming a segment to {@code .deleted} and removing its files
 * @param preallocate            preallocate {@code .log} files to {@code segmentBytes}
 */
public record LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, int indexIntervalBytes,
                        long retentionMs, long retentionBytes, CleanupPolicy cleanupPolicy, long deleteRetentionMs,
                        double minCleanableDirtyRatio, long minCompactionLagMs, long maxCompactionLagMs,
                        long flushMessages, long flushMs, long fileDeleteDelayMs, boolean preallocate) {

    private static final LogConfig DEFAULTS = new LogConfig(1 << 30, 7 * 24 * 3600_000L, 10 << 20, 4096,
        7 * 24 * 3600_000L, -1, CleanupPolicy.DELETE, 24 * 3600_000L, 0.5, 0, Long.MAX_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE, 60_000, false);

    /** How old data leaves a log ({@code cleanup.policy}). */
    public enum CleanupPolicy {
        /** Whole segments are deleted by retention time and size. */
        DELETE,
        /** Only the latest record per key is kept; no retention. */
        COMPACT,
        /** Compaction and retention both apply. */
        COMPACT_DELETE;

        /** Whether retention by time and size applies. */
        public boolean deletes() {
            return this != COMPACT;
        }

        /** Whether the log cleaner compacts the log. */
        public boolean compacts() {
            return this != DELETE;
        }

        /**
         * Parses Kafka's list syntax: {@code delete}, {@code compact}, {@code compact,delete} (either order).
         *
         * @throws IllegalArgumentException for anything else
         */
        public static CleanupPolicy parse(String value) {
            requireNonNull(value, "value");
            boolean delete = false;
            boolean compact = false;
            for (String part : value.split(",")) {
                switch (part.trim().toLowerCase(Locale.ROOT)) {
                    case "delete" -> delete = true;
                    case "compact" -> compact = true;
                    default -> throw new IllegalArgumentException("cleanup.policy must list delete and/or compact, "
                        + "was '" + value + "'");
                }
            }
            return compact ? (delete ? COMPACT_DELETE : COMPACT) : DELETE;
        }
    }

    /** Checks every setting; see the class documentation for meanings. */
    public LogConfig {
        requireNonNull(cleanupPolicy, "cleanupPolicy");
        requirePositive(segmentBytes, "segmentBytes");
        requirePositive(segmentMs, "segmentMs");
        if (segmentIndexBytes < 4) {
            throw new IllegalArgumentException("segmentIndexBytes must be at least 4, was " + segmentIndexBytes);
        }
        requireNotNegative(indexIntervalBytes, "indexIntervalBytes");
        requireAtLeastMinusOne(retentionMs, "retentionMs");
        requireAtLeastMinusOne(retentionBytes, "retentionBytes");
        requireNotNegative(deleteRetentionMs, "deleteRetentionMs");
        if (!(minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1)) {
            throw new IllegalArgumentException("minCleanableDirtyRatio must be between 0 and 1, was "
                + minCleanableDirtyRatio);
        }
        requireNotNegative(minCompactionLagMs, "minCompactionLagMs");
        requirePositive(maxCompactionLagMs, "maxCompactionLagMs");
        requirePositive(flushMessages, "flushMessages");
        requireNotNegative(flushMs, "flushMs");
        requireNotNegative(fileDeleteDelayMs, "fileDeleteDelayMs");
    }

    /** Kafka's defaults, listed in the class documentation. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /**
     * These settings with the storage-related Kafka topic configs in {@code props} applied ({@code segment.bytes},
     * {@code segment.ms}, {@code segment.index.bytes}, {@code index.interval.bytes}, {@code retention.ms},
     * {@code retention.bytes}, {@code cleanup.policy}, {@code delete.retention.ms}, {@code min.cleanable.dirty.ratio},
     * {@code min.compaction.lag.ms}, {@code max.compaction.lag.ms}, {@code flush.messages}, {@code flush.ms},
     * {@code file.delete.delay.ms}, {@code preallocate}). Other keys (validated elsewhere) are ignored.
     *
     * @throws IllegalArgumentException if a value does not parse or is out of range
     */
    public LogConfig with(Map<String, String> props) {
        requireNonNull(props, "props");
        LogConfig c = this;
        for (Map.Entry<String, String> e : props.entrySet()) {
            String v = e.getValue().trim();
            try {
                c = switch (e.getKey()) {
                    case "segment.bytes" -> c.segmentBytes(Integer.parseInt(v));
                    case "segment.ms" -> c.segmentMs(Long.parseLong(v));
                    case "segment.index.bytes" -> c.segmentIndexBytes(Integer.parseInt(v));
                    case "index.interval.bytes" -> c.indexIntervalBytes(Integer.parseInt(v));
                    case "retention.ms" -> c.retentionMs(Long.parseLong(v));
                    case "retention.bytes" -> c.retentionBytes(Long.parseLong(v));
                    case "cleanup.policy" -> c.cleanupPolicy(CleanupPolicy.parse(v));
                    case "delete.retention.ms" -> c.deleteRetentionMs(Long.parseLong(v));
                    case "min.cleanable.dirty.ratio" -> c.minCleanableDirtyRatio(Double.parseDouble(v));
                    case "min.compaction.lag.ms" -> c.minCompactionLagMs(Long.parseLong(v));
                    case "max.compaction.lag.ms" -> c.maxCompactionLagMs(Long.parseLong(v));
                    case "flush.messages" -> c.flushMessages(Long.parseLong(v));
                    case "flush.ms" -> c.flushMs(Long.parseLong(v));
                    case "file.delete.delay.ms" -> c.fileDeleteDelayMs(Long.parseLong(v));
                    case "preallocate" -> c.preallocate(Boolean.parseBoolean(v));
                    default -> c;
                };
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("topic config " + e.getKey() + " has an invalid value '" + v
                    + "'", ex);
            }
        }
        return c;
    }

    public LogConfig segmentBytes(int value) {
        return new LogConfig(value, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs, retentionBytes,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig segmentMs(long value) {
        return new LogConfig(segmentBytes, value, segmentIndexBytes, indexIntervalBytes, retentionMs, retentionBytes,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig segmentIndexBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, value, indexIntervalBytes, retentionMs, retentionBytes,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig indexIntervalBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, value, retentionMs, retentionBytes,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig retentionMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, value, retentionBytes,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig retentionBytes(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs, value,
            cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig cleanupPolicy(CleanupPolicy value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, value, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig deleteRetentionMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, value, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig minCleanableDirtyRatio(double value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, value, minCompactionLagMs, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig minCompactionLagMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, value, maxCompactionLagMs,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig maxCompactionLagMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, value,
            flushMessages, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig flushMessages(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs,
            maxCompactionLagMs, value, flushMs, fileDeleteDelayMs, preallocate);
    }

    public LogConfig flushMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs,
            maxCompactionLagMs, flushMessages, value, fileDeleteDelayMs, preallocate);
    }

    public LogConfig fileDeleteDelayMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs,
            maxCompactionLagMs, flushMessages, flushMs, value, preallocate);
    }

    public LogConfig preallocate(boolean value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
            retentionBytes, cleanupPolicy, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs,
            maxCompactionLagMs, flushMessages, flushMs, fileDeleteDelayMs, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    private static void requireAtLeastMinusOne(long value, String name) {
        if (value < -1) {
            throw new IllegalArgumentException(name + " must be -1 or more, was " + value);
        }
    }
}
