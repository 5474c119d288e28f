package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.batch;
import static io.tributary.broker.internal.log.TestLogs.keyed;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.log.LogConfig.CleanupPolicy;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LogManagerTest {
    private static final TopicPartition A = new TopicPartition("my-topic", 3);
    private static final TopicPartition B = new TopicPartition("other.topic", 0);

    @TempDir
    Path dir;

    @Test
    void createsLogsAndReloadsThemWithTheirCheckpoints() throws IOException {
        LogManager manager = LogManager.open(dir, smallConfig(), () -> 0L);
        PartitionLog a = manager.getOrCreate(A, smallConfig());
        assertThat(manager.getOrCreate(A, smallConfig())).isSameAs(a);
        PartitionLog b = manager.getOrCreate(B, smallConfig());
        for (int i = 0; i < 20; i++) {
            append(a, batch(3, 1_000));
        }
        append(b, batch(2, 1_000));
        a.deleteRecordsBefore(40);
        assertThat(Files.isDirectory(dir.resolve("my-topic-3"))).isTrue();
        manager.close();

        assertThat(Checkpoints.read(dir.resolve(Checkpoints.RECOVERY_POINT))).isEqualTo(Map.of(A, 60L, B, 2L));
        assertThat(Checkpoints.read(dir.resolve(Checkpoints.LOG_START_OFFSET))).isEqualTo(Map.of(A, 40L, B, 0L));
        assertThat(Files.readString(dir.resolve(Checkpoints.RECOVERY_POINT)))
            .isEqualTo("0\n2\nmy-topic 3 60\nother.topic 0 2\n");

        LogManager reopened = LogManager.open(dir, smallConfig(), () -> 0L);
        assertThat(reopened.logs()).containsOnlyKeys(A, B);
        PartitionLog a2 = reopened.log(A).orElseThrow();
        assertThat(a2.logEndOffset()).isEqualTo(60);
        assertThat(a2.logStartOffset()).isEqualTo(40);
        assertThat(a2.recoveryPoint()).isEqualTo(60);
        assertThat(reopened.log(new TopicPartition("nope", 0))).isEmpty();
        reopened.close();
    }

    @Test
    void deleteRemovesTheDirectoryAndLeftoversAreCleanedOnStart() throws IOException {
        LogManager manager = LogManager.open(dir, smallConfig(), () -> 0L);
        append(manager.getOrCreate(A, smallConfig()), batch(1, 1));
        manager.delete(A);
        assertThat(manager.log(A)).isEmpty();
        assertThat(Files.exists(dir.resolve("my-topic-3"))).isFalse();
        manager.close();
        Path leftover = Files.createDirectories(dir.resolve("my-topic-3.0123456789abcdef-delete"));
        Files.write(leftover.resolve("00000000000000000000.log"), new byte[3]);
        LogManager reopened = LogManager.open(dir, smallConfig(), () -> 0L);
        assertThat(Files.exists(leftover)).isFalse();
        assertThat(reopened.logs()).isEmpty();
        reopened.close();
    }

    @Test
    void aDiskErrorTakesOnlyThatPartitionOffline() throws IOException {
        LogManager manager = LogManager.open(dir, smallConfig(), () -> 0L);
        PartitionLog a = manager.getOrCreate(A, smallConfig());
        PartitionLog b = manager.getOrCreate(B, smallConfig());
        append(a, batch(1, 1));
        a.activeSegment().channel().close();

        assertThatThrownBy(() -> append(a, batch(1, 1)))
            .isInstanceOf(LogStorageException.class)
            .satisfies(e -> assertThat(((LogStorageException) e).error()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR));
        assertThat(a.isOffline()).isTrue();
        assertThatThrownBy(() -> a.read(0, 100, Long.MAX_VALUE, true)).isInstanceOf(LogStorageException.class);
        assertThat(append(b, batch(2, 1)).lastOffset()).isEqualTo(1);

        manager.runRetention(0);
        assertThat(manager.offlinePartitions()).containsExactly(A);
        assertThatThrownBy(() -> manager.log(A)).isInstanceOf(LogStorageException.class);
        assertThat(manager.log(B)).contains(b);
        manager.close();
        assertThat(Checkpoints.read(dir.resolve(Checkpoints.RECOVERY_POINT))).containsEntry(B, 2L);
    }

    @Test
    void aPartitionThatCannotLoadIsOfflineAndTheOthersLoad() throws IOException {
        LogManager manager = LogManager.open(dir, smallConfig(), () -> 0L);
        append(manager.getOrCreate(B, smallConfig()), batch(1, 1));
        manager.close();
        Files.createDirectories(dir.resolve("my-topic-3").resolve("00000000000000000000.log"));

        LogManager reopened = LogManager.open(dir, smallConfig(), () -> 0L);
        assertThat(reopened.offlinePartitions()).containsExactly(A);
        assertThatThrownBy(() -> reopened.getOrCreate(A, smallConfig())).isInstanceOf(LogStorageException.class);
        assertThat(reopened.log(B).orElseThrow().logEndOffset()).isEqualTo(1);
        reopened.close();
    }

    @Test
    void theDirectoryIsLockedAgainstASecondManager() throws IOException {
        LogManager manager = LogManager.open(dir, smallConfig(), () -> 0L);
        assertThatThrownBy(() -> LogManager.open(dir, smallConfig(), () -> 0L))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("in use");
        manager.close();
        LogManager.open(dir, smallConfig(), () -> 0L).close();
    }

    @Test
    void runsRetentionAndTheCleanerOnEveryLog() throws IOException {
        LogConfig compacted = smallConfig().cleanupPolicy(CleanupPolicy.COMPACT).minCleanableDirtyRatio(0);
        LogManager manager = LogManager.open(dir, topic -> topic.equals("my-topic") ? compacted : smallConfig(),
            () -> 0L);
        PartitionLog a = manager.getOrCreate(A, compacted);
        PartitionLog b = manager.getOrCreate(B, smallConfig().retentionMs(1_000));
        for (int i = 0; i < 30; i++) {
            append(a, keyed(Compression.NONE, 1_000, "k", "v" + i));
            append(b, batch(3, 1_000));
        }
        assertThat(manager.runRetention(1_000_000)).isPositive();
        assertThat(b.logStartOffset()).isEqualTo(90);
        assertThat(manager.runCleaner(10_000)).isEqualTo(1);
        assertThat(a.sizeInBytes()).isLessThan(30 * 70);
        manager.updateConfig("other.topic", smallConfig().retentionMs(-1));
        assertThat(b.config().retentionMs()).isEqualTo(-1);
        manager.flushDirtyLogs(Long.MAX_VALUE);
        manager.close();
        Map<TopicPartition, Long> cleaner = Checkpoints.read(dir.resolve(Checkpoints.CLEANER_OFFSET));
        assertThat(cleaner.get(A)).isPositive();
    }

    @Test
    void parsesPartitionDirectoryNames() {
        assertThat(LogManager.parse("my-topic-12")).isEqualTo(new TopicPartition("my-topic", 12));
        assertThat(LogManager.parse("t-0")).isEqualTo(new TopicPartition("t", 0));
        assertThat(LogManager.parse("nodash")).isNull();
        assertThat(LogManager.parse("t-x")).isNull();
        assertThat(LogManager.parse("-1")).isNull();
    }
}
