package io.tributary.broker.internal.partition;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.log.FetchSlice;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.util.function.Consumer;

/** Reads the data records of a partition back in offset order: how internal topics are loaded at start-up. */
public final class LogReplay {
    private static final int READ_BYTES = 1 << 20;

    private LogReplay() {
    }

    /**
     * Hands every record from the log start to the log end to {@code sink}, skipping control batches. The record is
     * valid only during the call. Blocking: call it on an IO thread.
     */
    public static void forEachRecord(PartitionLog log, Consumer<Record> sink) {
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
                    if (batch.isControl()) {
                        continue;
                    }
                    for (Record r : batch.records()) {
                        sink.accept(r);
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
