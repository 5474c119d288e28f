package io.tributary.broker.internal.group;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.internal.partition.AppendLane;
import io.tributary.broker.internal.partition.InternalTopics;
import io.tributary.broker.internal.partition.LogReplay;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.AppendResult;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.produce.PartitionError;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code __consumer_offsets} topic as the coordinator's {@link GroupStore}: a group's records go to partition
 * {@code abs(groupId.hashCode()) % partitions} as one record batch each, appended on the broker's IO scheduler, one
 * append at a time per partition and in the order of the {@link #write} calls. The topic is created, compacted, on
 * the first write. {@link #load} reads every partition back at start-up.
 *
 * <p>Thread-safe.
 */
public final class OffsetsTopic implements GroupStore {
    /** The topic's name. */
    public static final String NAME = "__consumer_offsets";
    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopic.class);

    private final BrokerContext broker;
    private final int partitions;
    private final Map<Integer, AppendLane<Pending>> lanes = new ConcurrentHashMap<>();

    /** Uses the existing topic's partition count, else {@code configuredPartitions}. */
    public OffsetsTopic(BrokerContext broker, int configuredPartitions) {
        this.broker = broker;
        this.partitions = broker.topics().get(NAME).map(Topic::partitions).orElse(configuredPartitions);
    }

    /** The partition holding a group: {@code abs(hashCode) % partitions}, where abs(Integer.MIN_VALUE) is 0. */
    public static int partitionFor(String groupId, int partitions) {
        int hash = groupId.hashCode();
        int abs = hash == Integer.MIN_VALUE ? 0 : Math.abs(hash);
        return abs % partitions;
    }

    public int partitions() {
        return partitions;
    }

    /** The {@code __consumer_offsets} partition holding a group. */
    public TopicPartition partitionOf(String groupId) {
        return new TopicPartition(NAME, partitionFor(groupId, partitions));
    }

    @Override
    public void write(String groupId, List<CoordinatorRecord> records, Consumer<@Nullable Throwable> done) {
        int partition = partitionFor(groupId, partitions);
        lanes.computeIfAbsent(partition, this::lane).submit(new Pending(records, -1, (short) -1, done));
    }

    /**
     * Writes the records as one transactional batch of the producer (sequences unchecked), refused with
     * PRODUCER_FENCED when the partition has seen a newer epoch of the producer.
     */
    @Override
    public void writeTransactional(String groupId, long producerId, short producerEpoch,
                                   List<CoordinatorRecord> records, Consumer<@Nullable Throwable> done) {
        int partition = partitionFor(groupId, partitions);
        lanes.computeIfAbsent(partition, this::lane).submit(new Pending(records, producerId, producerEpoch, done));
    }

    /**
     * Reads every record of the topic, partition by partition in offset order, skipping records this coordinator
     * does not handle. Records written by a transaction reach {@code sink} at its COMMIT marker and never when it
     * aborted; those of transactions still open at the end go to {@code open} with their producer id. Blocking: call
     * it on the IO scheduler.
     */
    public void load(Consumer<CoordinatorRecord> sink, BiConsumer<Long, CoordinatorRecord> open) {
        if (broker.topics().get(NAME).isEmpty()) {
            return;
        }
        for (int p = 0; p < partitions; p++) {
            PartitionLog log = broker.partitions().log(new TopicPartition(NAME, p)).orElse(null);
            if (log != null) {
                loadPartition(log, sink, open);
            }
        }
    }

    private static void loadPartition(PartitionLog log, Consumer<CoordinatorRecord> sink,
                                      BiConsumer<Long, CoordinatorRecord> open) {
        Map<Long, List<CoordinatorRecord>> transactions = new HashMap<>();
        LogReplay.forEach(log, new LogReplay.Sink() {
            @Override
            public void record(RecordBatch batch, Record record) {
                CoordinatorRecord decoded = decode(record, log);
                if (decoded == null) {
                    return;
                }
                if (batch.isTransactional()) {
                    transactions.computeIfAbsent(batch.producerId(), id -> new ArrayList<>()).add(decoded);
                } else {
                    sink.accept(decoded);
                }
            }

            @Override
            public void marker(RecordBatch batch, boolean commit) {
                List<CoordinatorRecord> done = transactions.remove(batch.producerId());
                if (commit && done != null) {
                    done.forEach(sink);
                }
            }
        });
        transactions.forEach((producerId, records) -> records.forEach(r -> open.accept(producerId, r)));
    }

    private static @Nullable CoordinatorRecord decode(Record r, PartitionLog log) {
        if (r.key() == null) {
            return null;
        }
        try {
            return CoordinatorRecords.decode(r.key(), r.value());
        } catch (IndexOutOfBoundsException e) {
            LOG.warn("Skipping malformed record at offset {} of {}", r.offset(), log.topicPartition());
            return null;
        }
    }

    private AppendLane<Pending> lane(int partition) {
        return new AppendLane<>(NAME + "-" + partition, broker.io(), p -> append(partition, p));
    }

    private void append(int partition, Pending p) {
        PartitionLog log = InternalTopics.log(broker, NAME, partitions, partition, this);
        TopicPartition tp = log.topicPartition();
        long now = System.currentTimeMillis();
        RecordBatchBuilder builder = RecordBatchBuilder.create();
        boolean transactional = p.producerId() >= 0;
        if (transactional) {
            // Nobody checks the sequences of the coordinator's own writes; batches with a producer need one.
            builder.producer(p.producerId(), p.producerEpoch(), 0).transactional(true);
        }
        ByteBuf batch;
        try {
            for (CoordinatorRecord r : p.records()) {
                builder.append(now, CoordinatorRecords.key(r), CoordinatorRecords.value(r));
            }
            batch = builder.build();
        } catch (RuntimeException e) {
            builder.release();
            throw e;
        }
        try {
            if (!transactional) {
                log.append(batch, 0, now, false);
            } else {
                appendTransactional(tp, log, batch, p, now);
            }
        } finally {
            batch.release();
        }
        broker.partitions().notifier().appended(tp);
    }

    /** Appends under the partition's producer state, which fences stale epochs and tracks the open transaction. */
    private void appendTransactional(TopicPartition tp, PartitionLog log, ByteBuf batch, Pending p, long now) {
        ProducerState state = broker.partitions().producerState(tp, log);
        synchronized (state) {
            try {
                state.checkEpoch(p.producerId(), p.producerEpoch());
            } catch (PartitionError e) {
                throw ErrorCode.PRODUCER_FENCED.exception(e.getMessage());
            }
            AppendResult result = log.append(batch, 0, now, false);
            state.record(p.producerId(), p.producerEpoch(), RecordBatch.NO_SEQUENCE, RecordBatch.NO_SEQUENCE,
                result.firstOffset(), result.lastOffset(), now, true);
        }
    }

    /** Records waiting to be appended (as a transaction's when {@code producerId} is set), and whom to tell. */
    private record Pending(List<CoordinatorRecord> records, long producerId, short producerEpoch,
                           Consumer<@Nullable Throwable> done) implements AppendLane.Pending {
        @Override
        public void complete(@Nullable Throwable failure) {
            done.accept(failure);
        }
    }
}
