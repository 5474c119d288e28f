package io.tributary.broker.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.broker.internal.producer.ProducerStateSnapshot;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding a partition's producer state starts from the last clean shutdown's snapshot, else from the log start. */
final class ProducerStatesTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final long LOGGED = 7;
    private static final long ONLY_IN_SNAPSHOT = 99;

    @TempDir
    Path dir;

    private static void append(PartitionLog log, long producerId, int sequence) {
        ByteBuf batch = RecordBatchBuilder.create().producer(producerId, (short) 0, sequence)
            .append(1L, null, new byte[] {1}).build();
        try {
            log.append(batch, 0, 1L, false);
        } finally {
            batch.release();
        }
    }

    private static int lastSequence(ProducerState state, long producerId) {
        return state.activeProducers().stream().filter(p -> p.producerId() == producerId)
            .mapToInt(ProducerState.ActiveProducer::lastSequence).findFirst().orElse(-2);
    }

    @Test
    void theSnapshotIsTheStartAndOnlyTheLogAfterItIsReplayed() throws IOException {
        PartitionLog log = PartitionLog.open(dir, TP, LogConfig.defaults(), 0, 0, () -> 0L);
        try {
            append(log, LOGGED, 0);
            // A snapshot at offset 1 that, unlike the log, knows a producer the log never saw.
            ProducerState saved = new ProducerState();
            saved.record(ONLY_IN_SNAPSHOT, (short) 0, 0, 3, 0, 0, 1L, false);
            ProducerStateSnapshot.write(saved, 1, dir);
            append(log, LOGGED, 1);

            ProducerState rebuilt = ProducerStates.rebuild(log);
            assertThat(lastSequence(rebuilt, ONLY_IN_SNAPSHOT)).as("read from the snapshot").isEqualTo(3);
            assertThat(lastSequence(rebuilt, LOGGED)).as("replayed after it").isEqualTo(1);

            // The snapshot was consumed: without one, the whole log is read.
            ProducerState full = ProducerStates.rebuild(log);
            assertThat(lastSequence(full, ONLY_IN_SNAPSHOT)).isEqualTo(-2);
            assertThat(lastSequence(full, LOGGED)).isEqualTo(1);

            // Closing writes a snapshot at the log end that the next rebuild reads back.
            ProducerStates.snapshot(full, log);
            assertThat(ProducerStateSnapshot.file(dir, 2)).exists();
            assertThat(lastSequence(ProducerStates.rebuild(log), LOGGED)).isEqualTo(1);
        } finally {
            log.close();
        }
    }
}
