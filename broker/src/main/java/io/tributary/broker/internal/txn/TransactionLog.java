package io.tributary.broker.internal.txn;

import io.netty.buffer.ByteBuf;
import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.partition.AppendLane;
import io.tributary.broker.internal.partition.InternalTopics;
import io.tributary.broker.internal.partition.LogReplay;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.record.Record;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code __transaction_state} topic: each state change of a transactional id is one record in partition
 * {@code abs(transactionalId.hashCode()) % partitions} ({@code transaction.state.log.num.partitions}), appended on
 * the broker's IO scheduler, one append at a time per partition and in the order of the {@link #write} calls. The
 * topic is created, compacted, on the first write; {@link #load} reads it back at start-up.
 *
 * <p>Thread-safe. {@link #write} never blocks, so it may be called from any thread.
 */
public final class TransactionLog {
    /** The topic's name. */
    public static final String NAME = "__transaction_state";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLog.class);

    private final BrokerContext broker;
    private final int partitions;
    private final Map<Integer, AppendLane<Pending>> lanes = new ConcurrentHashMap<>();

    /** Uses the existing topic's partition count, else {@code configuredPartitions}. */
    public TransactionLog(BrokerContext broker, int configuredPartitions) {
        this.broker = broker;
        this.partitions = broker.topics().get(NAME).map(Topic::partitions).orElse(configuredPartitions);
    }

    /** The partition of a transactional id: {@code abs(hashCode) % partitions}, where abs(Integer.MIN_VALUE) is 0. */
    int partitionFor(String transactionalId) {
        int hash = transactionalId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitions;
    }

    /**
     * Writes the state of a transactional id, or its tombstone when {@code value} is null, and calls {@code done}
     * once it is durable (with null) or failed (with the failure), on an IO thread.
     */
    void write(String transactionalId, @Nullable TransactionSnapshot value, Consumer<@Nullable Throwable> done) {
        int partition = partitionFor(transactionalId);
        byte[] key = TransactionRecords.key(transactionalId);
        byte[] bytes = value == null ? null : TransactionRecords.value(value);
        lanes.computeIfAbsent(partition, this::lane).submit(new Pending(key, bytes, done));
    }

    /**
     * Reads every record of the topic, partition by partition in offset order, and hands each transactional id's
     * states (null for a tombstone) to {@code sink}. Blocking: call it on the IO scheduler.
     */
    void load(BiConsumer<String, @Nullable TransactionSnapshot> sink) {
        if (broker.topics().get(NAME).isEmpty()) {
            return;
        }
        for (int p = 0; p < partitions; p++) {
            PartitionLog log = broker.partitions().log(new TopicPartition(NAME, p)).orElse(null);
            if (log != null) {
                LogReplay.forEachRecord(log, r -> decode(r, sink, log));
            }
        }
    }

    private static void decode(Record r, BiConsumer<String, @Nullable TransactionSnapshot> sink, PartitionLog log) {
        if (r.key() == null) {
            return;
        }
        try {
            TransactionRecords.Decoded d = TransactionRecords.decode(r.key(), r.value());
            if (d != null) {
                sink.accept(d.transactionalId(), d.value());
            }
        } catch (IndexOutOfBoundsException e) {
            LOG.warn("Skipping malformed record at offset {} of {}", r.offset(), log.topicPartition());
        }
    }

    private AppendLane<Pending> lane(int partition) {
        return new AppendLane<>(NAME + "-" + partition, broker.io(), p -> append(partition, p));
    }

    private void append(int partition, Pending p) {
        PartitionLog log = InternalTopics.log(broker, NAME, partitions, partition, this);
        TopicPartition tp = log.topicPartition();
        long now = System.currentTimeMillis();
        ByteBuf batch = RecordBatchBuilder.create().append(now, p.key(), p.value()).build();
        try {
            log.append(batch, 0, now, false);
        } finally {
            batch.release();
        }
        broker.partitions().notifier().appended(tp);
    }

    /** A record waiting to be appended, and whom to tell. */
    private record Pending(byte[] key, byte @Nullable [] value, Consumer<@Nullable Throwable> done)
        implements AppendLane.Pending {
        @Override
        public void complete(@Nullable Throwable failure) {
            done.accept(failure);
        }
    }
}
