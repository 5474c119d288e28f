package io.tributary.broker.internal.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.broker.internal.produce.PartitionError;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import org.junit.jupiter.api.Test;

/** The transactional side of a partition's producer state: last stable offset, aborted index, fencing. */
final class ProducerStateTest {
    private static final long A = 10;
    private static final long B = 20;

    @Test
    void theLastStableOffsetIsTheFirstOffsetOfTheEarliestOpenTransaction() {
        ProducerState state = new ProducerState();
        assertThat(state.lastStableOffset(() -> 5)).isEqualTo(5);
        state.record(A, (short) 0, 0, 1, 5, 6, 1L, true);
        state.record(B, (short) 0, 0, 0, 7, 7, 1L, true);
        state.record(A, (short) 0, 2, 2, 8, 8, 1L, true);
        assertThat(state.lastStableOffset(() -> 9)).isEqualTo(5);
        state.completeTransaction(A, (short) 0, 9, true, 0, 2L);
        assertThat(state.lastStableOffset(() -> 10)).isEqualTo(7);
        state.completeTransaction(B, (short) 0, 10, false, 0, 2L);
        assertThat(state.lastStableOffset(() -> 11)).isEqualTo(11);
        assertThat(state.abortedTransactions(0, 11, 0))
            .containsExactly(new AbortedTransactions.Aborted(B, 7, 10));
    }

    @Test
    void fetchesSeeOnlyTheAbortedTransactionsOverlappingTheirRange() {
        ProducerState state = new ProducerState();
        state.record(A, (short) 0, 0, 0, 0, 0, 1L, true);
        state.completeTransaction(A, (short) 0, 1, false, 0, 1L);
        state.record(A, (short) 0, 1, 1, 2, 2, 1L, true);
        state.completeTransaction(A, (short) 0, 3, false, 0, 1L);
        assertThat(state.abortedTransactions(0, 4, 0)).hasSize(2);
        assertThat(state.abortedTransactions(2, 4, 0)).containsExactly(new AbortedTransactions.Aborted(A, 2, 3));
        assertThat(state.abortedTransactions(0, 1, 0)).containsExactly(new AbortedTransactions.Aborted(A, 0, 1));
        // Entries below the log start offset are forgotten.
        assertThat(state.abortedTransactions(0, 4, 2)).containsExactly(new AbortedTransactions.Aborted(A, 2, 3));
    }

    @Test
    void aMarkerWithANewerEpochFencesTheOlderOne() {
        ProducerState state = new ProducerState();
        state.record(A, (short) 3, 0, 0, 0, 0, 1L, true);
        assertThat(state.acceptsMarker(A, (short) 2)).isFalse();
        state.completeTransaction(A, (short) 4, 1, false, 0, 2L);
        assertThatThrownBy(() -> state.check(batch(A, (short) 3, 1, true)))
            .isInstanceOfSatisfying(PartitionError.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH));
        assertThat(state.check(batch(A, (short) 5, 0, true))).isNull();
        ProducerState.ActiveProducer described = state.activeProducers().get(0);
        assertThat(described.epoch()).isEqualTo((short) 4);
        assertThat(described.currentTxnStartOffset()).isEqualTo(-1);
        assertThat(described.lastTimestamp()).isEqualTo(2L);
    }

    @Test
    void sequencesContinueAcrossTransactionsOfOneEpoch() {
        ProducerState state = new ProducerState();
        state.record(A, (short) 0, 0, 1, 0, 1, 1L, true);
        state.completeTransaction(A, (short) 0, 2, true, 0, 1L);
        assertThat(state.check(batch(A, (short) 0, 2, true))).isNull();
        assertThatThrownBy(() -> state.check(batch(A, (short) 0, 0, true)))
            .isInstanceOfSatisfying(PartitionError.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER));
    }

    @Test
    void aProducerWithAnOpenTransactionCannotWriteOutsideIt() {
        ProducerState state = new ProducerState();
        state.record(A, (short) 0, 0, 0, 0, 0, 1L, true);
        assertThatThrownBy(() -> state.check(batch(A, (short) 0, 1, false)))
            .isInstanceOfSatisfying(PartitionError.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_TXN_STATE));
        assertThat(state.activeProducers().get(0).currentTxnStartOffset()).isZero();
    }

    private static RecordBatch batch(long producerId, short epoch, int sequence, boolean transactional) {
        ByteBuf b = RecordBatchBuilder.create().producer(producerId, epoch, sequence).transactional(transactional)
            .append(1L, null, new byte[] {1}).build();
        try {
            return RecordBatch.wrap(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(b)));
        } finally {
            b.release();
        }
    }
}
