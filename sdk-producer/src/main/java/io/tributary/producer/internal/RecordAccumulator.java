package io.tributary.producer.internal;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.Compression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Collects records into per-partition batches of up to {@code batch.size} bytes. Pure data structure: no IO, the
 * time is passed in; the {@link Sender} drains it. Thread-safe: one lock per partition.
 */
final class RecordAccumulator {
    private final Map<TopicPartition, PartitionQueue> queues = new ConcurrentHashMap<>();
    /**
     * The same queues as a list replaced on each new partition: the sender walks them several times per wakeup, and
     * a walk over a concurrent map's values allocates and traverses its whole table.
     */
    private volatile List<PartitionQueue> queueList = List.of();
    private final Compression compression;
    private final int batchSize;

    RecordAccumulator(Compression compression, int batchSize) {
        this.compression = compression;
        this.batchSize = batchSize;
    }

    /** What an append did, so the caller knows whether to wake the sender or arm the linger timer. */
    enum Appended { INTO_OPEN_BATCH, NEW_BATCH, FILLED_BATCH }

    Appended append(TopicPartition partition, long timestamp, byte @Nullable [] key, byte @Nullable [] value,
                    List<Header> headers, int estimate, RecordCallback callback, long nowNanos) {
        PartitionQueue queue = queues.get(partition);
        if (queue == null) {
            queue = newQueue(partition);
        }
        synchronized (queue) {
            ProducerBatch last = queue.last();
            if (last != null && last.tryAppend(timestamp, key, value, headers, estimate, callback)) {
                return last.isFull() ? Appended.FILLED_BATCH : Appended.INTO_OPEN_BATCH;
            }
            ProducerBatch batch = new ProducerBatch(partition, compression, batchSize, nowNanos);
            batch.tryAppend(timestamp, key, value, headers, estimate, callback);
            queue.add(batch);
            // A previous batch was closed by this record: it is ready now.
            return last != null || batch.isFull() ? Appended.FILLED_BATCH : Appended.NEW_BATCH;
        }
    }

    private synchronized PartitionQueue newQueue(TopicPartition partition) {
        PartitionQueue queue = queues.get(partition);
        if (queue == null) {
            queue = new PartitionQueue(partition);
            List<PartitionQueue> list = new ArrayList<>(queueList);
            list.add(queue);
            queueList = List.copyOf(list);
            queues.put(partition, queue);
        }
        return queue;
    }

    List<PartitionQueue> queues() {
        return queueList;
    }

    @Nullable PartitionQueue queue(TopicPartition partition) {
        return queues.get(partition);
    }

    /** Whether no batch waits to be sent. */
    boolean isEmpty() {
        for (PartitionQueue q : queueList) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
