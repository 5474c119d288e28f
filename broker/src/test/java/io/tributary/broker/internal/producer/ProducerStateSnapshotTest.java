package io.tributary.broker.internal.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer-state snapshots: what is written reads back as the same state; damage and stale offsets are ignored. */
final class ProducerStateSnapshotTest {
    private static final long A = 10;
    private static final long B = 20;
    private static final long C = 30;

    @TempDir
    Path dir;

    /** A with five batches and more, B with an open transaction, C's transaction aborted. */
    private static ProducerState busyState() {
        ProducerState state = new ProducerState();
        for (int i = 0; i < 7; i++) {
            state.record(A, (short) 2, i * 2, i * 2 + 1, 100 + i * 2, 101 + i * 2, 1_000 + i, false);
        }
        state.record(C, (short) 0, 0, 0, 120, 120, 2_000, true);
        state.completeTransaction(C, (short) 0, 121, false, 3, 2_001);
        state.record(B, (short) 1, 0, 4, 122, 126, 3_000, true);
        return state;
    }

    private static RecordBatch batch(long producerId, short epoch, int sequence, int records) {
        RecordBatchBuilder builder = RecordBatchBuilder.create().producer(producerId, epoch, sequence);
        for (int i = 0; i < records; i++) {
            builder.append(1L, null, new byte[] {1});
        }
        ByteBuf b = builder.build();
        try {
            return RecordBatch.wrap(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(b)));
        } finally {
            b.release();
        }
    }

    @Test
    void aSnapshotReadsBackAsTheSameState() throws IOException {
        ProducerState original = busyState();
        ProducerStateSnapshot.write(original, 127, dir);
        assertThat(ProducerStateSnapshot.file(dir, 127)).exists();

        ProducerStateSnapshot.Restored restored = ProducerStateSnapshot.load(dir, 0, 127);
        assertThat(restored).isNotNull();
        assertThat(restored.offset()).isEqualTo(127);
        ProducerState state = restored.state();
        assertThat(state.activeProducers()).containsExactlyInAnyOrderElementsOf(original.activeProducers());
        assertThat(state.lastStableOffset(() -> 127)).isEqualTo(122);
        assertThat(state.abortedTransactions(0, 127, 0)).isEqualTo(original.abortedTransactions(0, 127, 0));
        // A retry of A's last batch (sequences 12-13) is recognised with its original offsets; so is one of the
        // five kept, while the oldest (sequences 0-1) was forgotten, as before the snapshot.
        assertThat(state.check(batch(A, (short) 2, 12, 2))).isEqualTo(original.check(batch(A, (short) 2, 12, 2)))
            .isNotNull();
        assertThat(state.check(batch(A, (short) 2, 4, 2))).isNotNull();
        // The snapshot is consumed: the next clean shutdown writes a new one.
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void theNewestUsableSnapshotWinsAndDamagedOrStaleOnesAreIgnored() throws IOException {
        ProducerStateSnapshot.write(busyState(), 127, dir);
        Path good = dir.resolve("keep");
        Files.copy(ProducerStateSnapshot.file(dir, 127), good);
        ProducerState later = busyState();
        later.completeTransaction(B, (short) 1, 127, true, 3, 4_000);
        ProducerStateSnapshot.write(later, 128, dir);   // deletes the older one...
        Files.move(good, ProducerStateSnapshot.file(dir, 127));   // ...which comes back for this test

        // Beyond the log end (the log was truncated): the one at 127 is used.
        ProducerStateSnapshot.Restored beyondEnd = ProducerStateSnapshot.load(dir, 0, 127);
        assertThat(beyondEnd).isNotNull();
        assertThat(beyondEnd.offset()).isEqualTo(127);
        assertThat(beyondEnd.state().lastStableOffset(() -> 127)).isEqualTo(122);

        // A damaged file (one byte flipped) is not used.
        ProducerStateSnapshot.write(later, 128, dir);
        Path file = ProducerStateSnapshot.file(dir, 128);
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 1;
        Files.write(file, bytes);
        assertThat(ProducerStateSnapshot.load(dir, 0, 200)).isNull();
        assertThat(Files.list(dir).sorted(Comparator.naturalOrder())).isEmpty();
    }
}
