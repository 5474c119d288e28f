package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.TP;
import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.keyed;
import static io.tributary.broker.internal.log.TestLogs.latestValues;
import static io.tributary.broker.internal.log.TestLogs.readAll;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static io.tributary.broker.internal.log.TestLogs.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tributary.broker.internal.log.LogCleaner.CleanResult;
import io.tributary.broker.internal.log.LogConfig.CleanupPolicy;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

final class LogCleanerTest {
    private static final long NOW = 10_000;

    @TempDir
    Path dir;

    private final LogCleaner cleaner = new LogCleaner();

    private static LogConfig compacted() {
        return smallConfig().cleanupPolicy(CleanupPolicy.COMPACT).minCleanableDirtyRatio(0);
    }

    @Test
    void keepsTheLatestValuePerKeyAndTheOriginalOffsets() throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, compacted(), 0, 0, () -> NOW);
        fill(log, 60);
        List<Record> before = readAll(log);
        Map<Long, String> valueAtOffset = valuesByOffset(before);
        long sizeBefore = log.sizeInBytes();
        int segmentsBefore = log.segmentCount();

        CleanResult result = cleaner.clean(log, NOW);

        assertThat(result).isNotNull();
        assertThat(result.recordsRemoved()).isPositive();
        assertThat(result.endOffset()).isEqualTo(log.activeSegment().baseOffset());
        List<Record> after = readAll(log);
        assertThat(latestValues(after)).isEqualTo(latestValues(before));
        assertThat(valuesByOffset(after)).allSatisfy((offset, value) ->
            assertThat(value).isEqualTo(valueAtOffset.get(offset)));
        assertThat(after).extracting(Record::offset).isSorted().doesNotHaveDuplicates();
        Set<String> cleanedKeys = new HashSet<>();
        for (Record r : after) {
            if (r.offset() < result.endOffset()) {
                assertThat(cleanedKeys.add(string(r.keyBytes()))).as("key %s kept once", string(r.keyBytes())).isTrue();
            }
        }
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(log.segmentCount()).isEqualTo(segmentsBefore);
        assertThat(log.logEndOffset()).isEqualTo(180);
        assertKafkaClientsReadEverySegment();
        // Nothing dirty is left until more data arrives.
        assertThat(cleaner.clean(log, NOW)).isNull();

        // The next round merges the now small cleaned segments.
        fill(log, 3);
        log.roll();
        Map<String, String> expected = latestValues(readAll(log));
        assertThat(cleaner.clean(log, NOW)).isNotNull();
        assertThat(latestValues(readAll(log))).isEqualTo(expected);
        assertThat(log.segmentCount()).isLessThan(segmentsBefore / 2);
        assertKafkaClientsReadEverySegment();
        log.close();
    }

    @Test
    void removesTombstonesOnlyAfterDeleteRetention() throws IOException {
        LogConfig config = compacted().deleteRetentionMs(5_000);
        PartitionLog log = PartitionLog.open(dir, TP, config, 0, 0, () -> NOW);
        append(log, keyed(Compression.NONE, 1_000, "a", "1", "b", "1", "c", "1"));
        append(log, keyed(Compression.NONE, 1_000, "a", null, "b", "2"));
        log.roll();

        assertThat(cleaner.clean(log, 2_000)).isNotNull();
        List<Record> afterFirst = readAll(log);
        assertThat(afterFirst).extracting(r -> string(r.keyBytes()) + "=" + string(r.valueBytes()))
            .containsExactly("c=1", "a=null", "b=2");

        append(log, keyed(Compression.NONE, 1_000, "b", "3"));
        log.roll();
        assertThat(cleaner.clean(log, 100_000)).isNotNull();
        assertThat(readAll(log)).extracting(r -> string(r.keyBytes()) + "=" + string(r.valueBytes()))
            .containsExactly("c=1", "b=3");
        assertThat(readAll(log)).extracting(Record::offset).containsExactly(2L, 5L);
        log.close();
    }

    @Test
    void rebuildsCompressedBatchesWithTheirCodec() throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, compacted(), 0, 0, () -> NOW);
        append(log, keyed(Compression.GZIP, 1_000, "a", "1", "a", "2", "b", "1"));
        append(log, keyed(Compression.LZ4, 1_000, "b", "2", "c", "1"));
        log.roll();

        assertThat(cleaner.clean(log, NOW)).isNotNull();

        byte[] bytes = Files.readAllBytes(log.segments().get(0).logFile());
        List<RecordBatch> batches = toList(RecordBatches.of(Unpooled.wrappedBuffer(bytes)));
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).compression()).isEqualTo(Compression.GZIP);
        assertThat(batches.get(0).baseOffset()).isZero();
        assertThat(batches.get(0).isValid()).isTrue();
        assertThat(batches.get(1).compression()).isEqualTo(Compression.LZ4);
        assertThat(readAll(log)).extracting(r -> r.offset() + ":" + string(r.keyBytes()) + "=" + string(r.valueBytes()))
            .containsExactly("1:a=2", "3:b=2", "4:c=1");
        assertKafkaClientsReadEverySegment();
        log.close();
    }

    @Test
    void dirtyRatioAndCompactionLagsGateCleaning() throws IOException {
        LogConfig config = compacted().minCleanableDirtyRatio(0.5);
        PartitionLog log = PartitionLog.open(dir, TP, config, 0, 0, () -> NOW);
        fill(log, 60);
        log.roll();
        assertThat(cleaner.clean(log, NOW)).isNotNull();
        append(log, keyed(Compression.NONE, 1_000, "key-1", "late"));
        log.roll();
        assertThat(cleaner.clean(log, NOW)).as("small dirty ratio").isNull();
        log.config(config.maxCompactionLagMs(1_000));
        assertThat(cleaner.clean(log, NOW)).as("overdue by max.compaction.lag.ms").isNotNull();

        append(log, keyed(Compression.NONE, 1_000, "key-1", "later"));
        log.roll();
        log.config(compacted().minCompactionLagMs(1_000_000));
        assertThat(cleaner.clean(log, NOW)).as("younger than min.compaction.lag.ms").isNull();
        log.config(compacted().cleanupPolicy(CleanupPolicy.DELETE));
        assertThat(cleaner.clean(log, NOW)).as("not compacted").isNull();
        log.close();
    }

    @Test
    void anInterruptedSwapIsCompletedOnOpen() throws IOException {
        Path original = Files.createDirectories(dir.resolve("original"));
        PartitionLog log = PartitionLog.open(original, TP, compacted(), 0, 0, () -> NOW);
        fill(log, 60);
        log.close();
        Path copy = dir.resolve("copy");
        copyDir(original, copy);
        PartitionLog cleanedCopy = PartitionLog.open(copy, TP, compacted(), 0, 0, () -> NOW);
        assertThat(cleaner.clean(cleanedCopy, NOW)).isNotNull();
        Map<String, String> expected = latestValues(readAll(cleanedCopy));
        cleanedCopy.close();
        // As if the broker died after renaming the first cleaned segment to .swap, plus a stray .cleaned file.
        for (String type : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.copy(LogSegment.file(copy, 0, type, ""), LogSegment.file(original, 0, type, LogSegment.SWAP_SUFFIX));
        }
        Files.write(LogSegment.file(original, 999, LogSegment.LOG_SUFFIX, LogSegment.CLEANED_SUFFIX), new byte[10]);

        PartitionLog recovered = PartitionLog.open(original, TP, compacted(), 0, 0, () -> NOW);
        List<Record> records = readAll(recovered);
        assertThat(latestValues(records)).isEqualTo(expected);
        assertThat(records).extracting(Record::offset).isSorted().doesNotHaveDuplicates();
        assertThat(records.size()).isLessThan(180);
        try (Stream<Path> files = Files.list(original)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.endsWith(LogSegment.SWAP_SUFFIX) || n.endsWith(LogSegment.CLEANED_SUFFIX));
        }
        recovered.close();
    }

    @Test
    @Timeout(30)
    void cleansWhileAppendsAndReadsGoOn() throws Exception {
        PartitionLog log = PartitionLog.open(dir, TP, compacted().fileDeleteDelayMs(60_000), 0, 0, () -> NOW);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 1_500; i++) {
                    assertThat(append(log, keyed(Compression.NONE, 1_000, "key-" + i % 25, "value-" + i))
                        .firstOffset()).isEqualTo(i);
                }
                done.set(true);
                return null;
            });
            Future<Integer> compactor = pool.submit(() -> {
                int rounds = 0;
                while (!done.get()) {
                    if (cleaner.clean(log, NOW) != null) {
                        rounds++;
                    }
                }
                return rounds;
            });
            Future<?> reader = pool.submit(() -> {
                while (!done.get()) {
                    long previous = -1;
                    for (Record r : readAll(log)) {
                        // Compaction removes records but never moves one to another offset.
                        assertThat(r.offset()).isGreaterThan(previous);
                        assertThat(string(r.valueBytes())).isEqualTo("value-" + r.offset());
                        assertThat(string(r.keyBytes())).isEqualTo("key-" + r.offset() % 25);
                        previous = r.offset();
                    }
                }
                return null;
            });
            writer.get(25, TimeUnit.SECONDS);
            assertThat(compactor.get(25, TimeUnit.SECONDS)).isPositive();
            reader.get(25, TimeUnit.SECONDS);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        log.roll();
        cleaner.clean(log, NOW);
        Map<String, String> expected = new HashMap<>();
        for (int i = 1_500 - 25; i < 1_500; i++) {
            expected.put("key-" + i % 25, "value-" + i);
        }
        List<Record> records = readAll(log);
        assertThat(latestValues(records)).isEqualTo(expected);
        assertThat(records).hasSize(25);
        log.close();
    }

    /** Appends {@code batches} batches of three records over ten keys: key-(n % 10) = value-n. */
    private static void fill(PartitionLog log, int batches) {
        int n = 0;
        for (int i = 0; i < batches; i++) {
            String[] kv = new String[6];
            for (int j = 0; j < 3; j++, n++) {
                kv[2 * j] = "key-" + (n % 10);
                kv[2 * j + 1] = "value-" + n;
            }
            append(log, keyed(Compression.NONE, 1_000, kv));
        }
    }

    private static Map<Long, String> valuesByOffset(List<Record> records) {
        Map<Long, String> values = new HashMap<>();
        for (Record r : records) {
            values.put(r.offset(), string(r.keyBytes()) + "=" + string(r.valueBytes()));
        }
        return values;
    }

    private static List<RecordBatch> toList(RecordBatches batches) {
        List<RecordBatch> list = new ArrayList<>();
        batches.forEach(list::add);
        return list;
    }

    private void assertKafkaClientsReadEverySegment() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(file)));
                long last = -1;
                for (MutableRecordBatch batch : records.batches()) {
                    batch.ensureValid();
                    assertThat(batch.baseOffset()).isGreaterThan(last);
                    last = batch.lastOffset();
                }
            }
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
