package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.TP;
import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.batch;
import static io.tributary.broker.internal.log.TestLogs.open;
import static io.tributary.broker.internal.log.TestLogs.readAll;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PartitionLogTest {
    @TempDir
    Path dir;

    @Test
    void assignsContiguousOffsetsAcrossAppendsAndRolls() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 40; i++) {
            AppendResult r = append(log, batch(3, 1000 + i));
            assertThat(r.firstOffset()).isEqualTo(3L * i);
            assertThat(r.lastOffset()).isEqualTo(3L * i + 2);
            assertThat(r.recordCount()).isEqualTo(3);
            assertThat(r.logAppendTime()).isEqualTo(-1);
        }
        assertThat(log.logEndOffset()).isEqualTo(120);
        assertThat(log.highWatermark()).isEqualTo(120);
        assertThat(log.segmentCount()).isGreaterThan(3);
        assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(0, 120));
        List<String> names = logFileNames();
        assertThat(names).allMatch(n -> n.matches("\\d{20}\\.log"));
        assertThat(names.get(0)).isEqualTo("00000000000000000000.log");
        for (LogSegment segment : log.segments()) {
            assertThat(segment.logFile().getFileName().toString())
                .isEqualTo(String.format("%020d.log", segment.baseOffset()));
            assertThat(segment.baseOffset() % 3).isZero();
        }
        log.close();
    }

    @Test
    void kafkaClientsParseTheSegmentFiles() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 30; i++) {
            ByteBuf b = batch(2, 5000 + i);
            log.append(b, 7, 0, false);
            b.release();
        }
        // A batch written by kafka-clients is stored as given too.
        MemoryRecords theirs = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(9000L, "a".getBytes(),
            "b".getBytes()), new SimpleRecord(9001L, "c".getBytes(), "d".getBytes()));
        AppendResult r = log.append(Unpooled.wrappedBuffer(theirs.buffer()), 7, 0, false);
        assertThat(r.firstOffset()).isEqualTo(60);
        log.close();
        long expected = 0;
        for (String name : logFileNames()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(bytes));
            for (MutableRecordBatch batch : records.batches()) {
                batch.ensureValid();
                assertThat(batch.baseOffset()).isEqualTo(expected);
                assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
                for (org.apache.kafka.common.record.internal.Record record : batch) {
                    assertThat(record.offset()).isEqualTo(expected++);
                }
            }
        }
        assertThat(expected).isEqualTo(62);
    }

    @Test
    void indexesHoldKafkaEntriesAndAreTrimmedOnRoll() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 30; i++) {
            append(log, batch(3, 100 * i));
        }
        List<LogSegment> segments = log.segments();
        LogSegment closed = segments.get(0);
        Path index = LogSegment.file(dir, closed.baseOffset(), LogSegment.INDEX_SUFFIX, "");
        Path timeIndex = LogSegment.file(dir, closed.baseOffset(), LogSegment.TIME_INDEX_SUFFIX, "");
        int entries = closed.offsetIndex().entries();
        assertThat(entries).isGreaterThan(1);
        assertThat(Files.size(index)).isEqualTo(8L * entries);
        assertThat(Files.size(timeIndex)).isEqualTo(12L * closed.timeIndex().entries());
        // Every entry names the last offset of the batch starting at its position.
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(index));
        byte[] logBytes = Files.readAllBytes(closed.logFile());
        int previous = -1;
        for (int i = 0; i < entries; i++) {
            int relative = bytes.getInt(i * 8);
            int position = bytes.getInt(i * 8 + 4);
            ByteBuffer header = ByteBuffer.wrap(logBytes, position, 61).slice();
            assertThat(header.getLong(0) + header.getInt(23)).isEqualTo(closed.baseOffset() + relative);
            assertThat(relative).isGreaterThan(previous);
            previous = relative;
        }
        ByteBuffer times = ByteBuffer.wrap(Files.readAllBytes(timeIndex));
        long lastTs = -1;
        for (int i = 0; i < closed.timeIndex().entries(); i++) {
            assertThat(times.getLong(i * 12)).isGreaterThan(lastTs);
            lastTs = times.getLong(i * 12);
        }
        assertThat(lastTs).isEqualTo(closed.maxTimestampSoFar().timestamp());
        // The active segment's indexes stay preallocated until the log closes.
        LogSegment active = log.activeSegment();
        Path activeIndex = LogSegment.file(dir, active.baseOffset(), LogSegment.INDEX_SUFFIX, "");
        assertThat(Files.size(activeIndex)).isEqualTo(1200);
        log.close();
        assertThat(Files.size(activeIndex)).isEqualTo(8L * active.offsetIndex().entries());
    }

    @Test
    void readHonoursMaxBytesMinOneBatchAndMaxOffset() throws IOException {
        PartitionLog log = open(dir, smallConfig().segmentBytes(1 << 20));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sizes.add(append(log, batch(3, 1000)).sizeInBytes());
        }
        int first = sizes.get(0);
        assertThat(log.read(0, 10, Long.MAX_VALUE, true).sizeInBytes()).isEqualTo(first);
        assertThat(log.read(0, 10, Long.MAX_VALUE, false).sizeInBytes()).isEqualTo(10);
        assertThat(log.read(0, first + 5, Long.MAX_VALUE, false).sizeInBytes()).isEqualTo(first + 5);
        assertThat(log.read(0, 1 << 20, Long.MAX_VALUE, false).sizeInBytes()).isEqualTo(10 * first);
        // Offset 4 lies inside the second batch, which is returned whole from its start.
        FetchSlice mid = log.read(4, 1 << 20, Long.MAX_VALUE, false);
        assertThat(mid.position()).isEqualTo(first);
        assertThat(readBatchOffsets(mid)).startsWith(3L);
        // maxOffsetExclusive (the high watermark) bounds the slice at a batch boundary.
        assertThat(log.read(0, 1 << 20, 6, false).sizeInBytes()).isEqualTo(2 * first);
        assertThat(log.read(0, 1 << 20, 7, false).sizeInBytes()).isEqualTo(3 * first);
        assertThat(log.read(6, 1 << 20, 6, true).isEmpty()).isTrue();
        assertThat(log.read(30, 1 << 20, Long.MAX_VALUE, true).isEmpty()).isTrue();
        log.close();
    }

    @Test
    void outOfRangeOffsetsAreRejected() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 20; i++) {
            append(log, batch(3, 1000));
        }
        assertThatThrownBy(() -> log.read(61, 100, Long.MAX_VALUE, true))
            .isInstanceOf(OffsetOutOfRangeException.class)
            .satisfies(e -> assertThat(((OffsetOutOfRangeException) e).error())
                .isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE))
            .hasMessageContaining("log end offset 60");
        assertThatThrownBy(() -> log.read(-1, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
        log.deleteRecordsBefore(31);
        assertThatThrownBy(() -> log.read(30, 100, Long.MAX_VALUE, true))
            .isInstanceOf(OffsetOutOfRangeException.class)
            .hasMessageContaining("log start offset 31");
        assertThat(readBatchOffsets(log.read(31, 1 << 20, Long.MAX_VALUE, true))).startsWith(30L);
        log.close();
    }

    @Test
    void findsOffsetsByTimestamp() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 30; i++) {
            append(log, batch(3, 1000L * (i + 1)));
        }
        assertThat(log.offsetForTimestamp(0)).isEqualTo(new TimestampAndOffset(1000, 0, 0));
        assertThat(log.offsetForTimestamp(2001)).isEqualTo(new TimestampAndOffset(2001, 4, 0));
        assertThat(log.offsetForTimestamp(2003)).isEqualTo(new TimestampAndOffset(3000, 6, 0));
        assertThat(log.offsetForTimestamp(25_002)).isEqualTo(new TimestampAndOffset(25_002, 74, 0));
        assertThat(log.offsetForTimestamp(30_003).isNone()).isTrue();
        assertThat(log.maxTimestampOffset()).isEqualTo(new TimestampAndOffset(30_002, 89, 0));
        // An out-of-order timestamp: the largest one wins, wherever it is.
        append(log, batch(1, 99_999));
        append(log, batch(1, 50_000));
        assertThat(log.maxTimestampOffset()).isEqualTo(new TimestampAndOffset(99_999, 90, 0));
        assertThat(log.offsetForTimestamp(60_000)).isEqualTo(new TimestampAndOffset(99_999, 90, 0));
        log.close();
    }

    @Test
    void emptyLogHasNoTimestamps() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        assertThat(log.maxTimestampOffset().isNone()).isTrue();
        assertThat(log.offsetForTimestamp(0)).isEqualTo(TimestampAndOffset.none());
        assertThat(log.read(0, 100, Long.MAX_VALUE, true).isEmpty()).isTrue();
        log.close();
    }

    @Test
    void logAppendTimeStampsMaxTimestampAndRecomputesCrc() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        ByteBuf b = batch(3, 10);
        AppendResult r = log.append(b, 2, 777_000, true);
        b.release();
        assertThat(r.logAppendTime()).isEqualTo(777_000);
        log.close();
        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(dir.resolve(
            "00000000000000000000.log"))));
        MutableRecordBatch batch = records.batches().iterator().next();
        batch.ensureValid();
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(777_000);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(2);
    }

    @Test
    void rejectsBytesThatAreNotBatches() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        append(log, batch(1, 1));
        assertThatThrownBy(() -> log.append(Unpooled.EMPTY_BUFFER, 0, 0, false))
            .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> log.append(Unpooled.wrappedBuffer(new byte[100]), 0, 0, false))
            .isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("magic 0");
        ByteBuf truncated = batch(2, 1);
        truncated.writerIndex(truncated.writerIndex() - 1);
        assertThatThrownBy(() -> log.append(truncated, 0, 0, false))
            .isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("batchLength");
        truncated.release();
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(append(log, batch(1, 1)).firstOffset()).isEqualTo(1);
        log.close();
    }

    @Test
    void appendsSeveralBatchesInOneBuffer() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        ByteBuf all = Unpooled.buffer();
        for (int i = 0; i < 3; i++) {
            ByteBuf b = batch(i + 1, 1);
            all.writeBytes(b);
            b.release();
        }
        AppendResult r = log.append(all, 0, 0, false);
        assertThat(r.firstOffset()).isZero();
        assertThat(r.lastOffset()).isEqualTo(5);
        assertThat(r.recordCount()).isEqualTo(6);
        assertThat(readAll(log)).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        log.close();
    }

    @Test
    void recoveryTruncatesATornTail() throws IOException {
        PartitionLog log = open(dir, smallConfig().segmentBytes(1 << 20));
        for (int i = 0; i < 10; i++) {
            append(log, batch(3, 1000));
        }
        long end = log.logEndOffset();
        log.close();
        Path file = dir.resolve("00000000000000000000.log");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        PartitionLog reopened = PartitionLog.open(dir, TP, smallConfig().segmentBytes(1 << 20), end, 0, () -> 0L);
        assertThat(reopened.logEndOffset()).isEqualTo(27);
        assertThat(Files.size(file)).isEqualTo(bytes.length / 10 * 9);
        assertThat(append(reopened, batch(1, 1)).firstOffset()).isEqualTo(27);
        assertThat(readAll(reopened)).extracting(Record::offset).containsExactlyElementsOf(range(0, 28));
        reopened.close();
    }

    @Test
    void recoveryTruncatesGarbageAfterTheLastBatch() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        append(log, batch(2, 1000));
        log.close();
        Path file = dir.resolve("00000000000000000000.log");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, StandardOpenOption.APPEND);
        PartitionLog reopened = PartitionLog.open(dir, TP, smallConfig(), 2, 0, () -> 0L);
        assertThat(reopened.logEndOffset()).isEqualTo(2);
        assertThat(readAll(reopened)).hasSize(2);
        reopened.close();
    }

    @Test
    void recoveryStopsAtACorruptCrcAfterTheRecoveryPoint() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 40; i++) {
            append(log, batch(3, 1000));
        }
        List<LogSegment> segments = log.segments();
        assertThat(segments.size()).isGreaterThan(3);
        LogSegment victim = segments.get(1);
        long victimBase = victim.baseOffset();
        int batchSize = victim.size() / (int) ((segments.get(2).baseOffset() - victimBase) / 3);
        log.close();
        // Flip a record byte of the victim's second batch: its CRC no longer matches.
        Path file = LogSegment.file(dir, victimBase, LogSegment.LOG_SUFFIX, "");
        byte[] bytes = Files.readAllBytes(file);
        bytes[batchSize + 70] ^= 0x5a;
        Files.write(file, bytes);
        PartitionLog reopened = PartitionLog.open(dir, TP, smallConfig(), 0, 0, () -> 0L);
        assertThat(reopened.logEndOffset()).isEqualTo(victimBase + 3);
        assertThat(reopened.segmentCount()).isEqualTo(2);
        assertThat(Files.size(file)).isEqualTo(batchSize);
        assertThat(readAll(reopened)).extracting(Record::offset).containsExactlyElementsOf(range(0, victimBase + 3));
        reopened.close();
    }

    @Test
    void reopeningACleanLogKeepsItsState() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 25; i++) {
            append(log, batch(3, 1000 + i));
        }
        log.deleteRecordsBefore(40);
        long start = log.logStartOffset();
        log.close();
        PartitionLog reopened = PartitionLog.open(dir, TP, smallConfig(), 75, start, () -> 0L);
        assertThat(reopened.logEndOffset()).isEqualTo(75);
        assertThat(reopened.logStartOffset()).isEqualTo(40);
        assertThat(reopened.segments()).allMatch(s -> !s.indexesNeedRebuild());
        assertThat(reopened.offsetForTimestamp(1020)).isEqualTo(new TimestampAndOffset(1020, 56, 0));
        assertThat(readAll(reopened)).extracting(Record::offset).containsExactlyElementsOf(range(40, 75));
        assertThat(append(reopened, batch(1, 1)).firstOffset()).isEqualTo(75);
        reopened.close();
    }

    @Test
    void anUncleanShutdownRebuildsIndexes() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 25; i++) {
            append(log, batch(3, 1000 + i));
        }
        log.flush();
        // Open a second instance while the first still has preallocated, untrimmed indexes (as after a crash).
        PartitionLog crashed = PartitionLog.open(dir, TP, smallConfig(), 0, 0, () -> 0L);
        log.closeHandles();
        assertThat(crashed.logEndOffset()).isEqualTo(75);
        assertThat(readAll(crashed)).extracting(Record::offset).containsExactlyElementsOf(range(0, 75));
        assertThat(crashed.offsetForTimestamp(1010).offset()).isEqualTo(26);
        crashed.close();
    }

    @Test
    void retentionByTimeDeletesExpiredSegments() throws IOException {
        LogConfig config = smallConfig().retentionMs(10_000);
        PartitionLog log = open(dir, config);
        for (int i = 0; i < 40; i++) {
            append(log, batch(3, i < 20 ? 1_000 : 50_000));
        }
        int before = log.segmentCount();
        int deleted = log.applyRetention(20_000);
        assertThat(deleted).isPositive();
        assertThat(log.segmentCount()).isEqualTo(before - deleted);
        long start = log.logStartOffset();
        assertThat(start).isEqualTo(log.segments().get(0).baseOffset()).isGreaterThan(0).isLessThanOrEqualTo(60);
        assertThat(logFileNames()).hasSize(log.segmentCount());
        assertThatThrownBy(() -> log.read(0, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
        // Everything expired: the active segment is rolled and deleted too, leaving an empty log at the end.
        assertThat(log.applyRetention(100_000)).isPositive();
        assertThat(log.logStartOffset()).isEqualTo(120);
        assertThat(log.logEndOffset()).isEqualTo(120);
        assertThat(log.sizeInBytes()).isZero();
        assertThat(append(log, batch(1, 1)).firstOffset()).isEqualTo(120);
        log.close();
    }

    @Test
    void retentionBySizeDeletesTheOldestSegments() throws IOException {
        LogConfig config = smallConfig().retentionBytes(2048).retentionMs(-1);
        PartitionLog log = open(dir, config);
        for (int i = 0; i < 60; i++) {
            append(log, batch(3, 1_000));
        }
        assertThat(log.sizeInBytes()).isGreaterThan(4096);
        assertThat(log.applyRetention(1_000_000_000L)).isPositive();
        // Whole segments only, and never below retention.bytes.
        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(2048);
        assertThat(log.sizeInBytes() - log.segments().get(0).size()).isLessThan(2048);
        assertThat(log.logStartOffset()).isEqualTo(log.segments().get(0).baseOffset());
        assertThat(log.applyRetention(1_000_000_000L)).isZero();
        log.close();
    }

    @Test
    void deletedSegmentFilesWaitForTheDeleteDelay() throws IOException {
        long[] now = {0};
        PartitionLog log = PartitionLog.open(dir, TP, smallConfig().fileDeleteDelayMs(5_000), 0, 0, () -> now[0]);
        for (int i = 0; i < 30; i++) {
            append(log, batch(3, 1_000));
        }
        FetchSlice slice = log.read(0, 100, Long.MAX_VALUE, true);
        log.deleteRecordsBefore(40);
        assertThat(listFiles()).anyMatch(n -> n.endsWith(".log.deleted"));
        // A slice read before the deletion stays readable during the delay.
        ByteBuf bytes = slice.read(ByteBufAllocator.DEFAULT);
        assertThat(bytes.readableBytes()).isEqualTo(slice.sizeInBytes());
        bytes.release();
        log.deleteExpiredFiles(4_999);
        assertThat(listFiles()).anyMatch(n -> n.endsWith(".deleted"));
        log.deleteExpiredFiles(5_000);
        assertThat(listFiles()).noneMatch(n -> n.endsWith(".deleted"));
        log.close();
    }

    @Test
    void deleteRecordsMovesTheLogStartOffset() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 30; i++) {
            append(log, batch(3, 1_000));
        }
        int before = log.segmentCount();
        assertThat(log.deleteRecordsBefore(50)).isEqualTo(50);
        assertThat(log.logStartOffset()).isEqualTo(50);
        assertThat(log.segmentCount()).isLessThan(before);
        assertThat(log.segments().get(0).baseOffset()).isLessThanOrEqualTo(50);
        assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(50, 90));
        assertThat(log.deleteRecordsBefore(10)).isEqualTo(50);
        assertThatThrownBy(() -> log.deleteRecordsBefore(91)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.deleteRecordsBefore(90)).isEqualTo(90);
        assertThat(log.read(90, 100, Long.MAX_VALUE, true).isEmpty()).isTrue();
        log.close();
    }

    @Test
    void flushMessagesOneFsyncsEveryAppend() throws IOException {
        PartitionLog log = open(dir, smallConfig().segmentBytes(1 << 20).flushMessages(1));
        for (int i = 0; i < 5; i++) {
            append(log, batch(2, 1));
            assertThat(log.recoveryPoint()).isEqualTo(log.logEndOffset());
        }
        log.close();
        PartitionLog lazy = open(dir.resolve("lazy"), smallConfig().segmentBytes(1 << 20).flushMessages(5)
            .flushMs(1_000));
        append(lazy, batch(2, 1));
        append(lazy, batch(2, 1));
        assertThat(lazy.recoveryPoint()).isZero();
        append(lazy, batch(2, 1));
        assertThat(lazy.recoveryPoint()).isEqualTo(6);
        append(lazy, batch(1, 1));
        lazy.flushIfDue(1_000_500);
        assertThat(lazy.recoveryPoint()).isEqualTo(6);
        lazy.flushIfDue(1_001_000);
        assertThat(lazy.recoveryPoint()).isEqualTo(7);
        lazy.close();
    }

    @Test
    void rollingFlushesTheOldSegmentAndMovesTheRecoveryPoint() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 20; i++) {
            append(log, batch(3, 1));
        }
        assertThat(log.recoveryPoint()).isEqualTo(log.activeSegment().baseOffset()).isPositive();
        log.flush();
        assertThat(log.recoveryPoint()).isEqualTo(60);
        log.close();
    }

    @Test
    void rollsWhenSegmentMsPassed() throws IOException {
        PartitionLog log = open(dir, smallConfig().segmentBytes(1 << 20).segmentMs(1_000));
        appendAt(log, 10_000);
        appendAt(log, 10_500);
        assertThat(log.segmentCount()).isEqualTo(1);
        appendAt(log, 11_001);
        assertThat(log.segmentCount()).isEqualTo(2);
        assertThat(log.activeSegment().baseOffset()).isEqualTo(2);
        log.close();
    }

    @Test
    void rollsWhenTheIndexIsFull() throws IOException {
        PartitionLog log = open(dir, smallConfig().segmentBytes(1 << 20).segmentIndexBytes(24));
        for (int i = 0; i < 10; i++) {
            append(log, batch(1, i));
        }
        assertThat(log.segmentCount()).isGreaterThan(2);
        assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(0, 10));
        log.close();
    }

    @Test
    void truncateToRemovesTheTail() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 30; i++) {
            append(log, batch(3, 1_000 + i));
        }
        log.truncateTo(16);
        assertThat(log.logEndOffset()).isEqualTo(15);
        assertThat(log.highWatermark()).isEqualTo(15);
        assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(0, 15));
        assertThat(append(log, batch(2, 5)).firstOffset()).isEqualTo(15);
        assertThat(log.maxTimestampOffset().timestamp()).isEqualTo(1_006);
        log.close();
    }

    @Test
    void aClosedLogRefusesWork() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        log.close();
        log.close();
        assertThatThrownBy(() -> append(log, batch(1, 1))).isInstanceOf(LogStorageException.class);
        assertThatThrownBy(() -> log.read(0, 1, 1, true)).isInstanceOf(LogStorageException.class);
    }

    private static void appendAt(PartitionLog log, long appendTimeMs) {
        ByteBuf b = batch(1, 1);
        try {
            log.append(b, 0, appendTimeMs, false);
        } finally {
            b.release();
        }
    }

    static List<Long> range(long from, long to) {
        List<Long> list = new ArrayList<>();
        for (long i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }

    private static List<Long> readBatchOffsets(FetchSlice slice) {
        ByteBuf buf = slice.read(ByteBufAllocator.DEFAULT);
        try {
            List<Long> offsets = new ArrayList<>();
            MemoryRecords records = MemoryRecords.readableRecords(buf.nioBuffer());
            for (MutableRecordBatch batch : records.batches()) {
                offsets.add(batch.baseOffset());
            }
            return offsets;
        } finally {
            buf.release();
        }
    }

    private List<String> logFileNames() throws IOException {
        return listFiles().stream().filter(n -> n.endsWith(".log")).sorted().toList();
    }

    private List<String> listFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
