package io.tributary.broker.internal.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.broker.internal.producer.ProducerStateSnapshot;
import io.tributary.protocol.record.ControlRecordType;
import io.tributary.protocol.record.EndTransactionMarker;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a partition's producer state by reading its log, so that retries of batches written before a restart are
 * still recognised, transactions left open stay open (holding the last stable offset) and aborted transactions are
 * indexed again. Starts from the snapshot the last clean shutdown wrote ({@link ProducerStateSnapshot}) and reads
 * only what follows it; without one (after a crash), reads the whole log. Reads the batch headers, and the records
 * of control batches only, once per partition after start-up.
 */
final class ProducerStates {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStates.class);
    private static final int CHUNK_BYTES = 1 << 20;

    private ProducerStates() {
    }

    static ProducerState rebuild(PartitionLog log) {
        long end = log.logEndOffset();
        ProducerStateSnapshot.Restored snapshot = null;
        try {
            snapshot = ProducerStateSnapshot.load(log.dir(), log.logStartOffset(), end);
        } catch (IOException e) {
            LOG.warn("Cannot read the producer-state snapshot of {}; reading its whole log", log.topicPartition(), e);
        }
        ProducerState state = snapshot != null ? snapshot.state() : new ProducerState();
        long offset = snapshot != null ? snapshot.offset() : log.logStartOffset();
        while (offset < end) {
            FetchSlice slice = log.read(offset, CHUNK_BYTES, end, true);
            if (slice.isEmpty()) {
                break;
            }
            ByteBuf chunk = slice.read(ByteBufAllocator.DEFAULT);
            try {
                long next = offset;
                for (RecordBatch b : RecordBatches.of(chunk)) {
                    replay(state, b);
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

    /**
     * Saves the state of a partition as of its log end, for the next start-up; the log takes no appends meanwhile
     * (the broker is closing). A failure costs only a longer start-up, so it is logged.
     */
    static void snapshot(ProducerState state, PartitionLog log) {
        synchronized (state) {
            try {
                ProducerStateSnapshot.write(state, log.logEndOffset(), log.dir());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot write the producer-state snapshot of {}", log.topicPartition(), e);
            }
        }
    }

    private static void replay(ProducerState state, RecordBatch b) {
        if (b.producerId() < 0) {
            return;
        }
        if (b.isControl()) {
            for (Record r : b.records()) {
                ControlRecordType type = r.key() == null ? ControlRecordType.UNKNOWN
                    : ControlRecordType.parse(r.key());
                if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT) {
                    int coordinatorEpoch = EndTransactionMarker.read(r).coordinatorEpoch();
                    state.completeTransaction(b.producerId(), b.producerEpoch(), b.baseOffset(),
                        type == ControlRecordType.COMMIT, coordinatorEpoch, b.maxTimestamp());
                }
            }
            return;
        }
        if (b.baseSequence() >= 0 || b.isTransactional()) {
            state.record(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence(), b.baseOffset(),
                b.lastOffset(), b.maxTimestamp(), b.isTransactional());
        }
    }
}
