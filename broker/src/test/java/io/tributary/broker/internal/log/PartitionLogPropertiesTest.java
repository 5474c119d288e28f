package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.TP;
import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.batch;
import static io.tributary.broker.internal.log.TestLogs.readAll;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.Directories;
import io.tributary.protocol.record.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class PartitionLogPropertiesTest {
    @Property(tries = 25)
    void offsetsStayContiguousThroughRollsAndReopening(
        @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 20) Integer> recordCounts,
        @ForAll @IntRange(min = 150, max = 3_000) int segmentBytes,
        @ForAll @IntRange(min = 0, max = 500) int indexIntervalBytes) throws IOException {
        Path dir = Files.createTempDirectory("partition-log");
        try {
            LogConfig config = smallConfig().segmentBytes(segmentBytes).indexIntervalBytes(indexIntervalBytes);
            PartitionLog log = PartitionLog.open(dir, TP, config, 0, 0, () -> 0L);
            long expected = 0;
            for (int count : recordCounts) {
                AppendResult r = append(log, batch(count, expected));
                assertThat(r.firstOffset()).isEqualTo(expected);
                expected += count;
                assertThat(r.lastOffset()).isEqualTo(expected - 1);
            }
            assertThat(log.logEndOffset()).isEqualTo(expected);
            assertOffsets(readAll(log), expected);
            assertThat(log.offsetForTimestamp(expected / 2).offset()).isEqualTo(expected / 2);
            log.close();

            PartitionLog reopened = PartitionLog.open(dir, TP, config, 0, 0, () -> 0L);
            assertThat(reopened.logEndOffset()).isEqualTo(expected);
            assertOffsets(readAll(reopened), expected);
            reopened.close();
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static void assertOffsets(List<Record> records, long count) {
        assertThat(records).hasSize((int) count);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).offset()).isEqualTo(i);
        }
    }
}
