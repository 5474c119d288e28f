package io.tributary.broker.internal.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.protocol.record.ControlRecordType;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.util.function.Consumer;

/**
 * Reads the data records (and, for transaction-aware readers, the transaction markers) of a partition back in offset
 * order: how internal topics are loaded at start-up.
 */
public final class LogReplay {
    private static final int READ_BYTES = 1 << 20;

    private LogReplay() {
    }

    /**
     * Hands every record from the log start to the log end to {@code sink}, skipping control batches. The record is
     * valid only during the call. Blocking: call it on an IO thread.
     */
    public static void forEachRecord(PartitionLog log, Consumer<Record> sink) {
        forEach(log, new Sink() {
            @Override
            public void record(RecordBatch batch, Record record) {
                sink.accept(record);
            }

            @Override
            public void marker(RecordBatch batch, boolean commit) {
            }
        });
    }

    /** What a transaction-aware replay hands over. */
    public interface Sink {
        /** A data record, valid only during the call; {@code batch} tells its producer and whether transactional. */
        void record(RecordBatch batch, Record record);

        /** A COMMIT ({@code commit}) or ABORT marker of the batch's producer. */
        void marker(RecordBatch batch, boolean commit);
    }

    /**
     * Hands every data record and every transaction marker from the log start to the log end to {@code sink}, in
     * offset order. Blocking: call it on an IO thread.
     */
    public static void forEach(PartitionLog log, Sink sink) {
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            FetchSlice slice = log.read(offset, READ_BYTES, end, true);
            if (slice.isEmpty()) {
                return;
            }
            ByteBuf buf = slice.read(ByteBufAllocator.DEFAULT);
            long next = offset;
            try {
                for (RecordBatch batch : RecordBatches.of(buf)) {
                    next = Math.max(next, batch.nextOffset());
                    for (Record r : batch.records()) {
                        if (!batch.isControl()) {
                            sink.record(batch, r);
                            continue;
                        }
                        ControlRecordType type = r.key() == null ? ControlRecordType.UNKNOWN
                            : ControlRecordType.parse(r.key());
                        if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT) {
                            sink.marker(batch, type == ControlRecordType.COMMIT);
                        }
                    }
                }
            } finally {
                buf.release();
            }
            if (next <= offset) {
                return;
            }
            offset = next;
        }
    }
}
