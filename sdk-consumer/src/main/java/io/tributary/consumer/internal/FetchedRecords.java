package io.tributary.consumer.internal;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The records of one partition in a Fetch response that a consumer at {@code fetchOffset} should see: records
 * below the fetch offset (the rest of a batch the broker returned whole) and control records are skipped, and with
 * read_committed the records of aborted transactions are dropped using the response's aborted-transaction list.
 * A partial batch at the end (cut by the size limit) is left for the next fetch. Stateless.
 */
final class FetchedRecords {
    /** The visible records, and the offset to fetch next. */
    record Result(List<Record> records, long nextOffset) {
    }

    private FetchedRecords() {
    }

    /**
     * @throws InvalidRecordException if a batch is corrupt (bad CRC or structure)
     */
    static Result parse(ByteBuf bytes, long fetchOffset, boolean readCommitted,
                        @Nullable List<FetchResponse.AbortedTransaction> aborted) {
        ArrayList<Record> out = new ArrayList<>();
        long next = fetchOffset;
        PriorityQueue<FetchResponse.AbortedTransaction> pending = new PriorityQueue<>(
            Comparator.comparingLong(FetchResponse.AbortedTransaction::firstOffset));
        if (readCommitted && aborted != null) {
            pending.addAll(aborted);
        }
        Set<Long> abortedProducers = new HashSet<>();
        for (RecordBatch batch : RecordBatches.of(bytes)) {
            if (batch.lastOffset() < fetchOffset) {
                continue;
            }
            batch.ensureValid();
            if (readCommitted) {
                while (!pending.isEmpty() && pending.peek().firstOffset() <= batch.lastOffset()) {
                    abortedProducers.add(pending.poll().producerId());
                }
            }
            if (batch.isControl()) {
                // A commit or abort marker ends that producer's transaction: its later batches are not aborted.
                if (batch.isTransactional()) {
                    abortedProducers.remove(batch.producerId());
                }
            } else if (!(readCommitted && batch.isTransactional() && abortedProducers.contains(batch.producerId()))) {
                // Room for the batch at once rather than growing by copies; a record takes at least 7 bytes, which
                // bounds a corrupt header's count (compressed batches may still grow the list once or twice).
                out.ensureCapacity(out.size() + Math.min(batch.recordsCount(), batch.sizeInBytes() / 7));
                for (Record r : batch.records()) {
                    if (r.offset() >= fetchOffset) {
                        out.add(r);
                    }
                }
            }
            next = batch.nextOffset();
        }
        return new Result(out, next);
    }
}
