package io.tributary.broker.internal.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.broker.internal.log.TimeIndex.TimestampOffset;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of a partition log: the {@code .log} file of record batches starting at its base offset, with its
 * sparse {@link OffsetIndex} and {@link TimeIndex}, named after the base offset padded to 20 digits as Kafka does.
 * Batches are stored exactly as given; every {@code index.interval.bytes} of log a batch gets an index entry.
 *
 * <p>Thread-safety: one writer at a time. The owning {@link PartitionLog} serializes {@code append},
 * {@code recover}, {@code truncateTo}, roll and close under its lock. Reads ({@code read}, {@code translateOffset},
 * {@code findOffsetByTimestamp}, {@code forEachBatch}) may run concurrently with an append: the size is published
 * (a volatile write) only after the bytes and index entries are written, so a reader bounded by the size it saw
 * only meets complete batches.
 */
final class LogSegment {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";
    static final String DELETED_SUFFIX = ".deleted";

    private static final Logger LOG = LoggerFactory.getLogger(LogSegment.class);
    private static final TimestampOffset NO_TIMESTAMP = new TimestampOffset(-1, -1);

    /** Where a batch lies in the file, with its offsets. */
    record BatchPosition(long baseOffset, long lastOffset, int position, int sizeInBytes) {
    }

    /** Receives the batches of a segment in order; the buffer is only valid during the call. */
    @FunctionalInterface
    interface BatchVisitor {
        void visit(ByteBuf batch, int position) throws IOException;
    }

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final boolean preallocated;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final boolean indexesNeedRebuild;
    private volatile Path logFile;
    private volatile int size;
    private int bytesSinceLastIndexEntry;
    private volatile TimestampOffset maxTimestamp = NO_TIMESTAMP;
    private volatile long rollingBaseTimestamp = -1;

    private LogSegment(long baseOffset, LogConfig config, FileChannel channel, Path logFile, OffsetIndex offsetIndex,
                       TimeIndex timeIndex, boolean indexesNeedRebuild) throws IOException {
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = config.indexIntervalBytes();
        this.preallocated = config.preallocate();
        this.channel = channel;
        this.logFile = logFile;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexesNeedRebuild = indexesNeedRebuild;
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            throw new IOException("segment " + logFile + " is larger than 2 GiB");
        }
        this.size = (int) length;
    }

    /** Creates the empty files of a new segment at {@code baseOffset} (with {@code suffix}, e.g. ".cleaned"). */
    static LogSegment create(Path dir, long baseOffset, LogConfig config, String suffix) throws IOException {
        Path log = file(dir, baseOffset, LOG_SUFFIX, suffix);
        Path index = file(dir, baseOffset, INDEX_SUFFIX, suffix);
        Path timeIndex = file(dir, baseOffset, TIME_INDEX_SUFFIX, suffix);
        Files.deleteIfExists(index);
        Files.deleteIfExists(timeIndex);
        FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
            if (config.preallocate()) {
                try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
                    raf.setLength(config.segmentBytes());
                }
            }
            LogSegment segment = new LogSegment(baseOffset, config, channel, log,
                new OffsetIndex(index, baseOffset, config.segmentIndexBytes()),
                new TimeIndex(timeIndex, baseOffset, config.segmentIndexBytes()), false);
            segment.size = 0;
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the existing segment at {@code baseOffset}; missing or untrimmed index files are recreated empty and
     * reported by {@link #indexesNeedRebuild()}.
     */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, String suffix) throws IOException {
        Path log = file(dir, baseOffset, LOG_SUFFIX, suffix);
        Path index = file(dir, baseOffset, INDEX_SUFFIX, suffix);
        Path timeIndexFile = file(dir, baseOffset, TIME_INDEX_SUFFIX, suffix);
        boolean missing = !Files.exists(index) || !Files.exists(timeIndexFile);
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            OffsetIndex offsets = new OffsetIndex(index, baseOffset, config.segmentIndexBytes());
            TimeIndex times = new TimeIndex(timeIndexFile, baseOffset, config.segmentIndexBytes());
            int length = (int) Math.min(Integer.MAX_VALUE, channel.size());
            boolean rebuild = missing && length > 0 || !offsets.loadedTrimmed() || !times.loadedTrimmed()
                || offsets.pointsBeyond(length);
            LogSegment segment = new LogSegment(baseOffset, config, channel, log, offsets, times, rebuild);
            segment.maxTimestamp = times.entries() == 0 ? NO_TIMESTAMP : times.lastEntry();
            BatchHeader first = BatchHeader.read(channel, 0, length);
            if (first != null && first.maxTimestamp() >= 0) {
                segment.rollingBaseTimestamp = first.maxTimestamp();
            }
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code <dir>/<20-digit base offset><type><suffix>}, e.g. {@code 00000000000000000042.log.cleaned}. */
    static Path file(Path dir, long baseOffset, String type, String suffix) {
        return dir.resolve(String.format("%020d", baseOffset) + type + suffix);
    }

    long baseOffset() {
        return baseOffset;
    }

    /** Bytes of complete batches in the log file. */
    int size() {
        return size;
    }

    Path logFile() {
        return logFile;
    }

    FileChannel channel() {
        return channel;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    /** Whether the indexes found on open cannot be trusted (missing, untrimmed or pointing past the log). */
    boolean indexesNeedRebuild() {
        return indexesNeedRebuild;
    }

    /** Whether either index has no room for another entry. */
    boolean indexFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /** The largest batch timestamp and the last offset of its batch, or (-1, -1) if none is known. */
    TimestampOffset maxTimestampSoFar() {
        return maxTimestamp;
    }

    /** The time the segment's first batch was appended (or its first timestamp, when loaded), or -1 if empty. */
    long rollingBaseTimestamp() {
        return rollingBaseTimestamp;
    }

    /** The newest record timestamp, or the file's modification time when no record has one (retention). */
    long largestTimestamp() {
        long ts = maxTimestamp.timestamp();
        return ts >= 0 ? ts : lastModified();
    }

    long lastModified() {
        try {
            return Files.getLastModifiedTime(logFile).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    void lastModified(long millis) throws IOException {
        Files.setLastModifiedTime(logFile, FileTime.fromMillis(millis));
    }

    /**
     * Appends complete, structurally valid batches (offsets already stamped) at the end of the file and indexes
     * them. {@code appendTimeMs} starts the segment's roll clock on its first append.
     */
    void append(ByteBuf batches, long appendTimeMs) throws IOException {
        int start = size;
        int length = batches.readableBytes();
        if ((long) start + length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("appending " + length + " bytes would make segment " + logFile
                + " larger than 2 GiB");
        }
        long pos = start;
        for (ByteBuffer part : batches.nioBuffers(batches.readerIndex(), length)) {
            while (part.hasRemaining()) {
                pos += channel.write(part, pos);
            }
        }
        if (start == 0) {
            rollingBaseTimestamp = appendTimeMs;
        }
        int offset = 0;
        while (offset < length) {
            BatchHeader header = BatchHeader.of(batches, batches.readerIndex() + offset);
            indexBatch(header, start + offset);
            offset += header.sizeInBytes();
        }
        size = start + length;
    }

    private void indexBatch(BatchHeader header, int position) throws IOException {
        if (header.maxTimestamp() > maxTimestamp.timestamp()) {
            maxTimestamp = new TimestampOffset(header.maxTimestamp(), header.lastOffset());
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            if (!offsetIndex.isFull()) {
                offsetIndex.append(header.lastOffset(), position);
            }
            if (!timeIndex.isFull()) {
                TimestampOffset max = maxTimestamp;
                timeIndex.maybeAppend(max.timestamp(), max.offset(), false);
            }
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += header.sizeInBytes();
    }

    /**
     * The bytes to answer a read from {@code startOffset}: from the batch holding it (or the first batch after it)
     * up to {@code maxBytes} or {@code maxPosition}, whichever is first; with {@code minOneBatch} the first batch is
     * whole even if larger than {@code maxBytes}.
     *
     * @return the slice (possibly empty when {@code maxPosition} cuts everything), or null if no batch at or after
     *         {@code startOffset} lies before {@code maxPosition}
     */
    @Nullable FetchSlice read(long startOffset, int maxBytes, int maxPosition, boolean minOneBatch)
        throws IOException {
        int limit = Math.min(maxPosition, size);
        BatchPosition start = translateOffset(startOffset, 0, limit);
        if (start == null) {
            return null;
        }
        int wanted = minOneBatch ? Math.max(maxBytes, start.sizeInBytes()) : maxBytes;
        int length = Math.min(limit - start.position(), wanted);
        return length <= 0 ? FetchSlice.empty() : new FetchSlice(channel, start.position(), length);
    }

    /**
     * The first batch whose last offset is at least {@code offset}, searching complete batches from the index
     * position (or {@code startingPosition}, if later) up to {@code limit}; null if there is none.
     */
    @Nullable BatchPosition translateOffset(long offset, int startingPosition, int limit) throws IOException {
        int pos = Math.max(startingPosition, offsetIndex.lookup(offset).position());
        while (true) {
            BatchHeader header = BatchHeader.read(channel, pos, limit);
            if (header == null || header.problem(limit - pos) != null) {
                return null;
            }
            if (header.lastOffset() >= offset) {
                return new BatchPosition(header.baseOffset(), header.lastOffset(), pos, header.sizeInBytes());
            }
            pos += header.sizeInBytes();
        }
    }

    /**
     * The first record at or after {@code startingOffset} whose timestamp is at least {@code timestamp}, in the
     * first batch whose max timestamp reaches it (Kafka's ListOffsets semantics); null if there is none here.
     */
    @Nullable TimestampAndOffset findOffsetByTimestamp(long timestamp, long startingOffset) throws IOException {
        TimestampOffset entry = timeIndex.lookup(timestamp);
        int pos = offsetIndex.lookup(Math.max(entry.offset(), startingOffset)).position();
        int limit = size;
        BatchHeader header;
        while ((header = BatchHeader.read(channel, pos, limit)) != null && header.problem(limit - pos) == null) {
            if (header.maxTimestamp() >= timestamp && header.lastOffset() >= startingOffset) {
                for (Record r : RecordBatch.wrap(readBatch(pos, header.sizeInBytes())).records()) {
                    if (r.timestamp() >= timestamp && r.offset() >= startingOffset) {
                        return new TimestampAndOffset(r.timestamp(), r.offset(), header.partitionLeaderEpoch());
                    }
                }
            }
            pos += header.sizeInBytes();
        }
        return null;
    }

    /** The first record carrying the segment's largest timestamp, or null if no record has a timestamp. */
    @Nullable TimestampAndOffset maxTimestampRecord() throws IOException {
        TimestampOffset max = maxTimestamp;
        if (max.timestamp() < 0) {
            return null;
        }
        BatchPosition batch = translateOffset(max.offset(), 0, size);
        if (batch == null) {
            return null;
        }
        RecordBatch view = RecordBatch.wrap(readBatch(batch.position(), batch.sizeInBytes()));
        for (Record r : view.records()) {
            if (r.timestamp() == max.timestamp()) {
                return new TimestampAndOffset(r.timestamp(), r.offset(), view.partitionLeaderEpoch());
            }
        }
        return new TimestampAndOffset(max.timestamp(), batch.lastOffset(), view.partitionLeaderEpoch());
    }

    /** Reads the whole batch at {@code position} into a new heap buffer. */
    ByteBuf readBatch(int position, int sizeInBytes) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(sizeInBytes);
        BatchHeader.readFully(channel, dst, position);
        return Unpooled.wrappedBuffer(dst.flip());
    }

    /** Reads every complete batch in order, each into a heap buffer handed to {@code visitor}. */
    void forEachBatch(BatchVisitor visitor) throws IOException {
        int limit = size;
        int pos = 0;
        BatchHeader header;
        while ((header = BatchHeader.read(channel, pos, limit)) != null && header.problem(limit - pos) == null) {
            visitor.visit(readBatch(pos, header.sizeInBytes()), pos);
            pos += header.sizeInBytes();
        }
    }

    /**
     * The offset after the last batch, or the base offset if the segment is empty; with {@code requireCleanEnd},
     * -1 unless the batches (walked by header only) end exactly at the end of the file.
     */
    long readNextOffset(boolean requireCleanEnd) throws IOException {
        int entries = offsetIndex.entries();
        int pos = entries == 0 ? 0 : offsetIndex.entry(entries - 1).position();
        int limit = size;
        long next = baseOffset;
        BatchHeader header;
        while ((header = BatchHeader.read(channel, pos, limit)) != null && header.problem(limit - pos) == null) {
            next = header.nextOffset();
            pos += header.sizeInBytes();
        }
        return requireCleanEnd && pos != limit ? -1 : next;
    }

    /**
     * Validates every batch from the start of the file (structure, increasing offsets, CRC-32C), rebuilds both
     * indexes and the max timestamp, and truncates the file at the first invalid or incomplete batch.
     *
     * @return the number of bytes truncated
     */
    int recover() throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestamp = NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
        long fileSize = channel.size();
        long previousLast = baseOffset - 1;
        int pos = 0;
        String problem = null;
        while (pos < fileSize) {
            BatchHeader header = BatchHeader.read(channel, pos, fileSize);
            problem = header == null ? "incomplete batch header" : header.problem(fileSize - pos);
            if (problem == null && header.baseOffset() <= previousLast) {
                problem = "base offset " + header.baseOffset() + " not above the previous offset " + previousLast;
            }
            if (problem == null && header.lastOffset() - baseOffset > Integer.MAX_VALUE) {
                problem = "offset " + header.lastOffset() + " too far from the segment's base offset";
            }
            if (problem == null) {
                problem = crcProblem(pos, header.sizeInBytes());
            }
            if (problem != null) {
                break;
            }
            if (pos == 0) {
                rollingBaseTimestamp = header.maxTimestamp() >= 0 ? header.maxTimestamp() : lastModified();
            }
            indexBatch(header, pos);
            previousLast = header.lastOffset();
            pos += header.sizeInBytes();
        }
        int truncated = (int) Math.min(Integer.MAX_VALUE, fileSize - pos);
        if (truncated > 0) {
            LOG.warn("Truncating {} bytes of {} at byte {}: {}", truncated, logFile, pos, problem);
            channel.truncate(pos);
        }
        size = pos;
        return truncated;
    }

    private @Nullable String crcProblem(int position, int sizeInBytes) throws IOException {
        try {
            RecordBatch batch = RecordBatch.wrap(readBatch(position, sizeInBytes));
            return batch.isValid() ? null : "CRC mismatch in the batch at base offset " + batch.baseOffset();
        } catch (InvalidRecordException e) {
            return e.getMessage();
        }
    }

    /**
     * Removes every batch from the one holding {@code offset} on, with their index entries.
     *
     * @return the number of bytes removed
     */
    int truncateTo(long offset) throws IOException {
        BatchPosition first = translateOffset(offset, 0, size);
        if (first == null) {
            return 0;
        }
        int removed = size - first.position();
        offsetIndex.truncateTo(first.baseOffset());
        timeIndex.truncateTo(first.baseOffset());
        channel.truncate(first.position());
        size = first.position();
        TimestampOffset last = timeIndex.lastEntry();
        maxTimestamp = last.timestamp() < 0 ? NO_TIMESTAMP : last;
        int pos = offsetIndex.lookup(Math.max(last.offset(), baseOffset)).position();
        BatchHeader header;
        while ((header = BatchHeader.read(channel, pos, size)) != null && header.problem(size - pos) == null) {
            if (header.maxTimestamp() > maxTimestamp.timestamp()) {
                maxTimestamp = new TimestampOffset(header.maxTimestamp(), header.lastOffset());
            }
            pos += header.sizeInBytes();
        }
        bytesSinceLastIndexEntry = 0;
        if (size == 0) {
            rollingBaseTimestamp = -1;
        }
        return removed;
    }

    /** Restores the indexes' preallocated size, so that this segment can be appended to again. */
    void resizeIndexes(int maxIndexSize) throws IOException {
        offsetIndex.resize(maxIndexSize);
        timeIndex.resize(maxIndexSize);
    }

    /** Seals the segment when it stops being the active one: final time index entry, trimmed files. */
    void onBecomeInactive() throws IOException {
        TimestampOffset max = maxTimestamp;
        timeIndex.maybeAppend(max.timestamp(), max.offset(), true);
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
        if (preallocated && channel.size() > size) {
            channel.truncate(size);
        }
    }

    /** Forces the file and both indexes to disk. */
    void flush() throws IOException {
        channel.force(true);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames the three files from suffix {@code from} to {@code to} (e.g. ".cleaned" to ".swap"). */
    void changeFileSuffix(String from, String to) throws IOException {
        logFile = rename(logFile, from, to);
        offsetIndex.renameTo(replaceSuffix(offsetIndex.file(), from, to));
        timeIndex.renameTo(replaceSuffix(timeIndex.file(), from, to));
    }

    private static Path rename(Path file, String from, String to) throws IOException {
        Path target = replaceSuffix(file, from, to);
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static Path replaceSuffix(Path file, String from, String to) {
        String name = file.getFileName().toString();
        if (!name.endsWith(from)) {
            throw new IllegalArgumentException("file " + file + " does not end with '" + from + "'");
        }
        return file.resolveSibling(name.substring(0, name.length() - from.length()) + to);
    }

    /** Seals (final time index entry, trimmed indexes) and closes the files. Idempotent. */
    void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            onBecomeInactive();
            offsetIndex.close();
            timeIndex.close();
        } finally {
            channel.close();
        }
    }

    /** Closes the files without sealing them (before a delete, or after a failure). Idempotent. */
    void closeHandlers() {
        offsetIndex.closeHandler();
        timeIndex.closeHandler();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Cannot close {}: {}", logFile, e.toString());
        }
    }

    /** Closes and deletes the three files. */
    void delete() throws IOException {
        closeHandlers();
        Files.deleteIfExists(logFile);
        offsetIndex.delete();
        timeIndex.delete();
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile + ", size=" + size + ")";
    }
}
