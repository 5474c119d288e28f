package io.tributary.producer.internal;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.producer.RecordMetadata;
import io.tributary.protocol.record.Compression;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;

/**
 * Collects records into per-partition batches of up to {@code batch.size} bytes. Pure data structure: no IO, the
 * time is passed in; the {@link Sender} drains it. Thread-safe: one lock per partition.
 */
final class RecordAccumulator {
    private final Map<TopicPartition, PartitionQueue> queues = new ConcurrentHashMap<>();
    private final Compression compression;
    private final int batchSize;

    RecordAccumulator(Compression compression, int batchSize) {
        this.compression = compression;
        this.batchSize = batchSize;
    }

    /** What an append did, so the caller knows whether to wake the sender or arm the linger timer. */
    enum Appended { INTO_OPEN_BATCH, NEW_BATCH, FILLED_BATCH }

    Appended append(TopicPartition partition, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                    List<Header> headers, int estimate, Sinks.One<RecordMetadata> sink, long nowNanos) {
        PartitionQueue queue = queues.computeIfAbsent(partition, PartitionQueue::new);
        synchronized (queue) {
            ProducerBatch last = queue.last();
            if (last != null && last.tryAppend(timestamp, key, value, headers, estimate, sink)) {
                return last.isFull() ? Appended.FILLED_BATCH : Appended.INTO_OPEN_BATCH;
            }
            ProducerBatch batch = new ProducerBatch(partition, compression, batchSize, nowNanos);
            batch.tryAppend(timestamp, key, value, headers, estimate, sink);
            queue.add(batch);
            // A previous batch was closed by this record: it is ready now.
            return last != null || batch.isFull() ? Appended.FILLED_BATCH : Appended.NEW_BATCH;
        }
    }

    Collection<PartitionQueue> queues() {
        return queues.values();
    }

    @Nullable PartitionQueue queue(TopicPartition partition) {
        return queues.get(partition);
    }

    /** Whether no batch waits to be sent. */
    boolean isEmpty() {
        for (PartitionQueue q : queues.values()) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
