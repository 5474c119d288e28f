package io.tributary.broker.internal.log;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of one partition directory and brings them to a consistent state: removes leftovers of
 * deletions ({@code .deleted}) and interrupted compactions ({@code .cleaned}), completes interrupted swaps
 * ({@code .swap}), rebuilds untrustworthy indexes and recovers every segment from the one holding the recovery
 * point on (CRC check, torn tail truncated, later segments dropped after a corrupt one). Used once per
 * {@link PartitionLog#open}; not thread-safe, and needs no thread-safety since nothing else sees the directory yet.
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** The loaded segments, in offset order, and the resulting offsets. */
    record Loaded(List<LogSegment> segments, long logEndOffset, long logStartOffset) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, TopicPartition tp, LogConfig config, long recoveryPoint, long logStartOffset)
        throws IOException {
        Files.createDirectories(dir);
        NavigableSet<Long> bases = new TreeSet<>();
        List<Long> swaps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(LogSegment.CLEANED_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(LogSegment.LOG_SUFFIX + LogSegment.SWAP_SUFFIX)) {
                    addBase(swaps, file);
                } else if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                    addBase(bases, file);
                }
            }
        }
        for (long swapBase : swaps) {
            completeSwap(dir, config, swapBase, bases);
        }
        deleteOrphanIndexes(dir, bases);
        List<LogSegment> segments = new ArrayList<>();
        try {
            for (long base : bases) {
                segments.add(LogSegment.open(dir, base, config, ""));
            }
            if (segments.isEmpty()) {
                segments.add(LogSegment.create(dir, Math.max(0, logStartOffset), config, ""));
            }
            recover(tp, segments, recoveryPoint);
            LogSegment active = segments.get(segments.size() - 1);
            active.resizeIndexes(config.segmentIndexBytes());
            long logEnd = active.readNextOffset(false);
            long start = Math.min(Math.max(logStartOffset, segments.get(0).baseOffset()), logEnd);
            return new Loaded(segments, logEnd, start);
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments) {
                segment.closeHandlers();
            }
            throw e;
        }
    }

    private static void recover(TopicPartition tp, List<LogSegment> segments, long recoveryPoint)
        throws IOException {
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).baseOffset() <= recoveryPoint) {
                start = i;
            }
        }
        for (int i = 0; i < start; i++) {
            LogSegment segment = segments.get(i);
            if (segment.indexesNeedRebuild()) {
                LOG.info("{}: rebuilding the indexes of {}", tp, segment.logFile());
                segment.recover();
                segment.flush();
            }
        }
        for (int i = start; i < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            if (!segment.indexesNeedRebuild()) {
                long next = segment.readNextOffset(true);
                if (next >= 0 && next <= recoveryPoint) {
                    continue;
                }
            }
            int truncated = segment.recover();
            segment.flush();
            if (truncated > 0 && i < segments.size() - 1) {
                List<LogSegment> dropped = segments.subList(i + 1, segments.size());
                LOG.warn("{}: {} was corrupt; deleting the {} segments after it", tp, segment.logFile(),
                    dropped.size());
                for (LogSegment later : dropped) {
                    later.delete();
                }
                dropped.clear();
                break;
            }
        }
    }

    /**
     * Finishes a compaction that crashed after its cleaned segment became a {@code .swap}: the segments it
     * replaces (base offsets within its range) are deleted, and it takes its final name.
     */
    private static void completeSwap(Path dir, LogConfig config, long base, NavigableSet<Long> bases)
        throws IOException {
        LogSegment swap = LogSegment.open(dir, base, config, LogSegment.SWAP_SUFFIX);
        try {
            if (swap.indexesNeedRebuild()) {
                swap.recover();
            }
            long next = Math.max(base + 1, swap.readNextOffset(false));
            for (Long replaced : new ArrayList<>(bases.subSet(base, true, next, false))) {
                for (String type : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX,
                    LogSegment.TIME_INDEX_SUFFIX)) {
                    Files.deleteIfExists(LogSegment.file(dir, replaced, type, ""));
                }
                bases.remove(replaced);
            }
            swap.changeFileSuffix(LogSegment.SWAP_SUFFIX, "");
            bases.add(base);
            LOG.info("Completed the interrupted swap of {}", swap.logFile());
        } finally {
            swap.close();
        }
    }

    private static void deleteOrphanIndexes(Path dir, NavigableSet<Long> bases) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean index = name.endsWith(LogSegment.INDEX_SUFFIX) || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)
                    || name.endsWith(LogSegment.SWAP_SUFFIX);
                Long base = baseOffset(name);
                if (index && (base == null || !bases.contains(base) || name.endsWith(LogSegment.SWAP_SUFFIX))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void addBase(Collection<Long> to, Path file) {
        Long base = baseOffset(file.getFileName().toString());
        if (base == null) {
            LOG.warn("Ignoring {}: not named after a 20-digit base offset", file);
        } else {
            to.add(base);
        }
    }

    /** The base offset in a segment file name, or null if the name does not start with 20 digits. */
    static @Nullable Long baseOffset(String fileName) {
        if (fileName.length() < 21 || fileName.charAt(20) != '.') {
            return null;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return null;
            }
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
