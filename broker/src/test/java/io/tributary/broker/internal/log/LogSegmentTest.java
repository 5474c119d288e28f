package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LogSegmentTest {
    @TempDir
    Path dir;

    @Test
    void namesFilesAfterThePaddedBaseOffset() {
        assertThat(LogSegment.file(dir, 42, LogSegment.LOG_SUFFIX, "").getFileName().toString())
            .isEqualTo("00000000000000000042.log");
        assertThat(LogSegment.file(dir, 12_345_678_901L, LogSegment.TIME_INDEX_SUFFIX, LogSegment.SWAP_SUFFIX)
            .getFileName().toString()).isEqualTo("00000000012345678901.timeindex.swap");
        assertThat(LogLoader.baseOffset("00000000000000000042.index")).isEqualTo(42);
        assertThat(LogLoader.baseOffset("leader-epoch-checkpoint")).isNull();
    }

    @Test
    void appendsReadsAndRecoversBatches() throws IOException {
        LogSegment segment = LogSegment.create(dir, 42, smallConfig().indexIntervalBytes(100), "");
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            positions.add(segment.size());
            ByteBuf b = batchAt(42 + 2L * i, 1_000L * i);
            segment.append(b, 5);
            b.release();
        }
        assertThat(segment.rollingBaseTimestamp()).isEqualTo(5);
        assertThat(segment.readNextOffset(true)).isEqualTo(62);
        assertThat(segment.maxTimestampSoFar()).isEqualTo(new TimeIndex.TimestampOffset(9_001, 61));
        int entries = segment.offsetIndex().entries();
        assertThat(entries).isBetween(2, 9);

        FetchSlice slice = segment.read(47, 1 << 20, segment.size(), false);
        assertThat(slice).isNotNull();
        assertThat(slice.position()).isEqualTo((long) positions.get(2));
        assertThat(slice.sizeInBytes()).isEqualTo(segment.size() - positions.get(2));
        assertThat(segment.read(62, 100, segment.size(), true)).isNull();
        assertThat(segment.read(47, 100, positions.get(2), true)).isNull();
        assertThat(segment.translateOffset(50, 0, segment.size()))
            .isEqualTo(new LogSegment.BatchPosition(50, 51, positions.get(4), positions.get(5) - positions.get(4)));
        assertThat(segment.findOffsetByTimestamp(3_001, 0)).isEqualTo(new TimestampAndOffset(3_001, 49, -1));
        assertThat(segment.findOffsetByTimestamp(3_001, 50)).isEqualTo(new TimestampAndOffset(4_000, 50, -1));
        assertThat(segment.findOffsetByTimestamp(10_000, 0)).isNull();

        assertThat(segment.recover()).isZero();
        assertThat(segment.offsetIndex().entries()).isEqualTo(entries);
        assertThat(segment.readNextOffset(false)).isEqualTo(62);
        int sizeBefore = segment.size();
        assertThat(segment.truncateTo(51)).isEqualTo(sizeBefore - positions.get(4));
        assertThat(segment.size()).isEqualTo(positions.get(4));
        assertThat(segment.readNextOffset(false)).isEqualTo(50);
        assertThat(segment.maxTimestampSoFar().timestamp()).isEqualTo(3_001);

        segment.close();
        assertThat(Files.size(segment.logFile())).isEqualTo((long) positions.get(4));
        segment.delete();
        assertThat(Files.exists(segment.logFile())).isFalse();
    }

    private static ByteBuf batchAt(long baseOffset, long ts) {
        return RecordBatchBuilder.create(ByteBufAllocator.DEFAULT)
            .baseOffset(baseOffset)
            .append(ts, new byte[] {1}, new byte[20])
            .append(ts + 1, new byte[] {2}, new byte[20])
            .build();
    }
}
