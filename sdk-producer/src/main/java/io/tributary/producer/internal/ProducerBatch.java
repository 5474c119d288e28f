package io.tributary.producer.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.errors.TributaryException;
import io.tributary.producer.RecordMetadata;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The records of one partition sent together as one record batch: open while records are appended, then built
 * once (with the producer id and base sequence when idempotent) and kept, so that a retry sends the same bytes.
 * Each record's {@link RecordCallback} is told when the batch completes.
 *
 * <p>Not thread-safe: appends happen under its {@link PartitionQueue}'s lock, and the sender owns the batch once it
 * is drained.
 */
final class ProducerBatch {
    final TopicPartition partition;
    final long createdNanos;
    private final RecordBatchBuilder builder;
    private final int batchSize;
    private final List<RecordCallback> callbacks = new ArrayList<>();
    /** The records' timestamps, in append order (unboxed: one batch holds up to thousands). */
    private long[] timestamps = new long[16];
    private long reservedBytes;
    private @Nullable ByteBuf built;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean closed;
    private boolean done;
    int attempts;
    long retryAtNanos;

    ProducerBatch(TopicPartition partition, Compression compression, int batchSize, long nowNanos) {
        this.partition = partition;
        this.createdNanos = nowNanos;
        this.batchSize = batchSize;
        this.builder = RecordBatchBuilder.create(ByteBufAllocator.DEFAULT)
            .initialCapacity(Math.min(batchSize, 64 * 1024) + RecordBatch.HEADER_SIZE)
            .compression(compression);
    }

    /**
     * Appends a record if it fits ({@code estimate} bytes within {@code batch.size}, or the batch is empty); false
     * when it does not and a new batch is needed.
     */
    boolean tryAppend(long timestamp, byte @Nullable [] key, byte @Nullable [] value, List<Header> headers,
                      int estimate, RecordCallback callback) {
        if (closed || (!callbacks.isEmpty() && builder.uncompressedSizeInBytes() + estimate > batchSize)) {
            closed = true;
            return false;
        }
        builder.append(timestamp, key, value, headers);
        callbacks.add(callback);
        if (callbacks.size() > timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, timestamps.length * 2);
        }
        timestamps[callbacks.size() - 1] = timestamp;
        reservedBytes += estimate;
        return true;
    }

    /** Whether no more records go in: full, or a later record needed a new batch. */
    boolean isFull() {
        return closed || builder.uncompressedSizeInBytes() >= batchSize;
    }

    int recordCount() {
        return callbacks.size();
    }

    long reservedBytes() {
        return reservedBytes;
    }

    boolean hasSequence() {
        return baseSequence != RecordBatch.NO_SEQUENCE;
    }

    int baseSequence() {
        return baseSequence;
    }

    /**
     * The batch's bytes, built on the first call with these producer fields (pass {@code -1}s when not idempotent);
     * later calls (retries) return the same bytes. The caller gets its own reference to release.
     */
    ByteBuf bytes(long producerId, short epoch, int sequence, boolean transactional) {
        if (built == null) {
            closed = true;
            baseSequence = sequence;
            built = builder.producer(producerId, epoch, sequence).transactional(transactional).build();
        }
        return built.retainedDuplicate();
    }

    int sizeInBytes() {
        return built != null ? built.readableBytes() : builder.uncompressedSizeInBytes();
    }

    /** Completes every record: offsets from {@code baseOffset}, timestamps the broker's when it set one. */
    void complete(long baseOffset, long logAppendTime) {
        if (done) {
            return;
        }
        done = true;
        release();
        for (int i = 0; i < callbacks.size(); i++) {
            long offset = baseOffset < 0 ? -1 : baseOffset + i;
            long timestamp = logAppendTime >= 0 ? logAppendTime : timestamps[i];
            callbacks.get(i).onSent(new RecordMetadata(partition, offset, timestamp));
        }
    }

    /** Fails every record with {@code error}. */
    void fail(TributaryException error) {
        if (done) {
            return;
        }
        done = true;
        release();
        for (RecordCallback callback : callbacks) {
            callback.onFailed(error);
        }
    }

    boolean isDone() {
        return done;
    }

    private void release() {
        builder.release();
        if (built != null) {
            built.release();
            built = null;
        }
    }

    @Override
    public String toString() {
        return "ProducerBatch{" + partition + ", records=" + callbacks.size() + ", sequence=" + baseSequence
            + ", attempts=" + attempts + "}";
    }
}
