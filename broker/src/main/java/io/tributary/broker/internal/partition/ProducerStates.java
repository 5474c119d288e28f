package io.tributary.broker.internal.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;

/**
 * Rebuilds a partition's idempotent-producer state by reading the batch headers of its log, so that retries of
 * batches written before a restart are still recognised. Reads the whole log once per partition after start-up.
 */
final class ProducerStates {
    private static final int CHUNK_BYTES = 1 << 20;

    private ProducerStates() {
    }

    static ProducerState rebuild(PartitionLog log) {
        ProducerState state = new ProducerState();
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            FetchSlice slice = log.read(offset, CHUNK_BYTES, end, true);
            if (slice.isEmpty()) {
                break;
            }
            ByteBuf chunk = slice.read(ByteBufAllocator.DEFAULT);
            try {
                long next = offset;
                for (RecordBatch b : RecordBatches.of(chunk)) {
                    if (b.producerId() >= 0 && !b.isControl() && b.baseSequence() >= 0) {
                        state.record(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence(),
                            b.baseOffset(), b.lastOffset(), b.maxTimestamp());
                    }
                    next = b.nextOffset();
                }
                if (next <= offset) {
                    break;
                }
                offset = next;
            } finally {
                chunk.release();
            }
        }
        return state;
    }
}
