package io.tributary.broker.internal.produce;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.InvalidRecordException;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import io.tributary.protocol.record.RecordBatches;
import io.tributary.protocol.record.TimestampType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the records a client produced to one partition as Kafka does (PROTOCOL.md 3.6) and recompresses them when
 * the topic's {@code compression.type} asks for another codec. Records are decompressed only when a rule needs to
 * look inside the batch (keys of a compacted topic, old timestamps, recompression). Stateless and thread-safe.
 */
public final class BatchValidator {
    private BatchValidator() {
    }

    /**
     * The batch to append: the request's own bytes, or a recompressed copy that the caller must release.
     *
     * @param buffer the batch
     * @param owned  whether {@code buffer} is a new buffer owned by the caller (recompressed)
     */
    public record Validated(ByteBuf buffer, boolean owned) {
        /** Releases the buffer if it was made for this append. */
        public void releaseIfOwned() {
            if (owned) {
                buffer.release();
            }
        }
    }

    /**
     * Validates one partition's records.
     *
     * @throws PartitionError with the Kafka error to return for this partition
     */
    public static Validated validate(@Nullable ByteBuf records, short apiVersion, boolean transactionalRequest,
                                   ProduceRules rules, long nowMs, ByteBufAllocator alloc) {
        RecordBatch batch = singleBatch(records);
        if (batch.sizeInBytes() > rules.maxMessageBytes()) {
            throw new PartitionError(ErrorCode.MESSAGE_TOO_LARGE, "The record batch is " + batch.sizeInBytes()
                + " bytes, larger than the topic's max.message.bytes of " + rules.maxMessageBytes());
        }
        if (!batch.isValid()) {
            throw new PartitionError(ErrorCode.CORRUPT_MESSAGE, "Record batch CRC mismatch: stored " + batch.crc());
        }
        checkHeader(batch, apiVersion, transactionalRequest);
        checkTimestamps(batch, rules, nowMs);
        boolean recompress = rules.storedCompression() != null && rules.storedCompression() != batch.compression();
        if (rules.compacted() || rules.timestampBeforeMax() < Long.MAX_VALUE || recompress) {
            List<Record> list = readRecords(batch);
            checkRecords(list, rules, nowMs);
            if (recompress) {
                return new Validated(rebuild(batch, list, rules.storedCompression(), alloc), true);
            }
        }
        return new Validated(batch.buffer(), false);
    }

    private static RecordBatch singleBatch(@Nullable ByteBuf records) {
        if (records == null || !records.isReadable()) {
            throw new PartitionError(ErrorCode.INVALID_RECORD, "Produce requests must carry a record batch");
        }
        try {
            RecordBatches all = RecordBatches.of(records);
            Iterator<RecordBatch> batches = all.iterator();
            if (!batches.hasNext() || all.hasPartialTail()) {
                throw new PartitionError(ErrorCode.CORRUPT_MESSAGE, "The record batch is truncated");
            }
            RecordBatch batch = batches.next();
            if (batches.hasNext()) {
                throw new PartitionError(ErrorCode.INVALID_RECORD,
                    "Produce requests of version 3+ must carry exactly one record batch per partition");
            }
            return batch;
        } catch (InvalidRecordException e) {
            throw new PartitionError(e.corrupt() ? ErrorCode.CORRUPT_MESSAGE : ErrorCode.INVALID_RECORD,
                e.getMessage());
        }
    }

    private static void checkHeader(RecordBatch batch, short apiVersion, boolean transactionalRequest) {
        if (batch.recordsCount() <= 0 || batch.lastOffsetDelta() + 1 != batch.recordsCount()) {
            throw new PartitionError(ErrorCode.INVALID_RECORD, "The batch's lastOffsetDelta "
                + batch.lastOffsetDelta() + " does not match its " + batch.recordsCount() + " records");
        }
        if (batch.isControl()) {
            throw new PartitionError(ErrorCode.INVALID_RECORD, "Clients may not write control batches");
        }
        if (batch.producerId() >= 0 && batch.baseSequence() < 0) {
            throw new PartitionError(ErrorCode.INVALID_RECORD, "An idempotent batch needs a base sequence");
        }
        if (batch.isTransactional() && !transactionalRequest) {
            throw new PartitionError(ErrorCode.INVALID_RECORD,
                "Transactional batches need the request's transactional id");
        }
        if (batch.compression() == Compression.ZSTD && apiVersion < 7) {
            throw new PartitionError(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
                "zstd batches need Produce v7 or later, got v" + apiVersion);
        }
    }

    private static void checkTimestamps(RecordBatch batch, ProduceRules rules, long nowMs) {
        if (rules.logAppendTime() || batch.timestampType() != TimestampType.CREATE_TIME) {
            return;
        }
        long latest = nowMs + rules.timestampAfterMax();
        if (rules.timestampAfterMax() < Long.MAX_VALUE - nowMs && batch.maxTimestamp() > latest) {
            throw new PartitionError(ErrorCode.INVALID_TIMESTAMP, "Timestamp " + batch.maxTimestamp()
                + " of the batch is more than message.timestamp.after.max.ms=" + rules.timestampAfterMax()
                + " in the future");
        }
    }

    private static List<Record> readRecords(RecordBatch batch) {
        List<Record> list = new ArrayList<>(batch.recordsCount());
        try {
            for (Record r : batch.records()) {
                list.add(r);
            }
        } catch (InvalidRecordException e) {
            throw new PartitionError(e.corrupt() ? ErrorCode.CORRUPT_MESSAGE : ErrorCode.INVALID_RECORD,
                e.getMessage());
        }
        return list;
    }

    private static void checkRecords(List<Record> records, ProduceRules rules, long nowMs) {
        List<PartitionError.RecordError> errors = new ArrayList<>();
        long earliest = rules.timestampBeforeMax() < nowMs ? nowMs - rules.timestampBeforeMax() : Long.MIN_VALUE;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            if (rules.compacted() && r.key() == null) {
                errors.add(new PartitionError.RecordError(i, "Compacted topic cannot accept message without key"));
            }
            if (!rules.logAppendTime() && r.timestamp() < earliest) {
                throw new PartitionError(ErrorCode.INVALID_TIMESTAMP, "Timestamp " + r.timestamp() + " of record "
                    + i + " is older than message.timestamp.before.max.ms=" + rules.timestampBeforeMax());
            }
        }
        if (!errors.isEmpty()) {
            throw new PartitionError(ErrorCode.INVALID_RECORD, "One or more records have been rejected: "
                + errors.get(0).message(), errors);
        }
    }

    private static ByteBuf rebuild(RecordBatch batch, List<Record> records, Compression codec,
                                   ByteBufAllocator alloc) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(alloc)
            .compression(codec)
            .baseOffset(batch.baseOffset())
            .partitionLeaderEpoch(batch.partitionLeaderEpoch())
            .transactional(batch.isTransactional());
        if (batch.producerId() >= 0) {
            builder.producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence());
        }
        for (Record r : records) {
            builder.appendWithOffset(r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
        }
        return builder.build();
    }
}
