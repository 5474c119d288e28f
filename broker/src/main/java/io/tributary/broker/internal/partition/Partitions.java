package io.tributary.broker.internal.partition;

import io.tributary.broker.internal.config.ConfigResolver;
import io.tributary.broker.internal.config.ResolvedConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.broker.internal.log.AppendResult;
import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.log.LogStorageException;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.metadata.TopicRegistry;
import io.tributary.broker.internal.produce.ProduceRules;
import io.tributary.broker.internal.producer.ProducerState;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.record.ControlRecordType;
import io.tributary.protocol.record.EndTransactionMarker;
import io.tributary.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker leads: one {@link PartitionLog} per partition of every registered topic, kept in step
 * with the topic registry (created, grown, reconfigured, deleted) and with dynamic broker configs. Thread-safe.
 */
public final class Partitions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);

    private final LogManager logs;
    private final TopicRegistry topics;
    private final ConfigResolver configs;
    private final AppendNotifier notifier = new AppendNotifier();
    private final Map<TopicPartition, ProducerState> producerStates = new ConcurrentHashMap<>();

    private Partitions(LogManager logs, TopicRegistry topics, ConfigResolver configs) {
        this.logs = logs;
        this.topics = topics;
        this.configs = configs;
    }

    /** Opens the log directory, recovering every partition, and creates missing partitions of known topics. */
    public static Partitions open(Path logDir, TopicRegistry topics, ConfigResolver configs) throws IOException {
        LogManager logs = LogManager.open(logDir, topic -> logConfig(topics, configs, topic),
            System::currentTimeMillis);
        Partitions p = new Partitions(logs, topics, configs);
        for (Topic t : topics.all()) {
            p.ensurePartitions(t);
        }
        topics.onChange(p::apply);
        return p;
    }

    public AppendNotifier notifier() {
        return notifier;
    }

    /** The log of a partition, if the partition exists and its log is online. */
    public Optional<PartitionLog> log(TopicPartition tp) {
        return logs.log(tp);
    }

    /** Whether the partition's log failed (disk error) and is offline. */
    public boolean isOffline(TopicPartition tp) {
        return logs.offlinePartitions().contains(tp);
    }

    public Map<TopicPartition, PartitionLog> all() {
        return logs.logs();
    }

    public Path logDir() {
        return logs.logDir();
    }

    /**
     * The producer state of a partition (idempotence, open and aborted transactions), rebuilt from the log's
     * batches the first time it is needed after start-up. Blocking the first time: call it on the IO scheduler.
     */
    public ProducerState producerState(TopicPartition tp, PartitionLog log) {
        return producerStates.computeIfAbsent(tp, k -> ProducerStates.rebuild(log));
    }

    /** The producer state of a partition if it was already rebuilt, else null (nothing read from disk). */
    public @Nullable ProducerState loadedProducerState(TopicPartition tp) {
        return producerStates.get(tp);
    }

    /**
     * Appends a COMMIT or ABORT marker for a producer's transaction to a partition and closes the transaction in the
     * partition's producer state. Blocking (disk IO): call it on the IO scheduler.
     *
     * @return NONE; UNKNOWN_TOPIC_OR_PARTITION if the partition is gone; INVALID_PRODUCER_EPOCH if the producer
     *     already has a newer epoch on the partition; KAFKA_STORAGE_ERROR on a disk error
     */
    public ErrorCode appendMarker(TopicPartition tp, long producerId, short epoch, int coordinatorEpoch,
                                  boolean commit, long nowMs) {
        PartitionLog log = logs.log(tp).orElse(null);
        if (log == null) {
            return isOffline(tp) ? ErrorCode.KAFKA_STORAGE_ERROR : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        try {
            ProducerState state = producerState(tp, log);
            synchronized (state) {
                if (!state.acceptsMarker(producerId, epoch)) {
                    return ErrorCode.INVALID_PRODUCER_EPOCH;
                }
                EndTransactionMarker marker = new EndTransactionMarker(commit ? ControlRecordType.COMMIT
                    : ControlRecordType.ABORT, coordinatorEpoch);
                ByteBuf batch = RecordBatchBuilder.endTransactionMarker(ByteBufAllocator.DEFAULT, marker, 0, nowMs,
                    producerId, epoch, 0);
                try {
                    AppendResult result = log.append(batch, 0, nowMs, false);
                    state.completeTransaction(producerId, epoch, result.firstOffset(), commit, coordinatorEpoch,
                        nowMs);
                } finally {
                    batch.release();
                }
            }
        } catch (LogStorageException e) {
            LOG.error("Cannot write a transaction marker to {}", tp, e);
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
        notifier.appended(tp);
        return ErrorCode.NONE;
    }

    /** The produce rules of a topic, from its effective configs. */
    public ProduceRules rules(Topic topic) {
        Map<String, String> o = topic.configs();
        @SuppressWarnings("unchecked")
        List<String> policy = (List<String>) configs.topicValue(o, "cleanup.policy");
        return new ProduceRules(
            (Integer) configs.topicValue(o, "max.message.bytes"),
            policy.contains("compact"),
            "LogAppendTime".equals(configs.topicValue(o, "message.timestamp.type")),
            (Long) configs.topicValue(o, "message.timestamp.before.max.ms"),
            (Long) configs.topicValue(o, "message.timestamp.after.max.ms"),
            ProduceRules.storedCompression((String) configs.topicValue(o, "compression.type")));
    }

    /** Re-applies effective configs to every log, after broker-level dynamic configs changed. */
    public void refreshConfigs() {
        for (Topic t : topics.all()) {
            logs.updateConfig(t.name(), logConfig(t.name()));
        }
    }

    /** Retention, compaction, time-based flushes and checkpoints; called periodically off the event loops. */
    public void maintain(long nowMs, boolean retention, boolean cleaner) {
        if (retention) {
            logs.runRetention(nowMs);
        }
        if (cleaner) {
            logs.runCleaner(nowMs);
        }
        logs.flushDirtyLogs(nowMs);
        logs.checkpoint();
    }

    LogConfig logConfig(String topic) {
        return logConfig(topics, configs, topic);
    }

    private static LogConfig logConfig(TopicRegistry topics, ConfigResolver configs, String topic) {
        Map<String, String> overrides = topics.get(topic).map(Topic::configs).orElse(Map.of());
        Map<String, String> effective = new HashMap<>();
        for (ResolvedConfig c : configs.topicConfigs(overrides).values()) {
            if (c.value() != null) {
                effective.put(c.name(), c.value());
            }
        }
        return LogConfig.defaults().with(effective);
    }

    private void apply(TopicRegistry.TopicChange change) {
        Topic before = change.before();
        Topic after = change.after();
        if (after == null && before != null) {
            for (int p = 0; p < before.partitions(); p++) {
                TopicPartition tp = new TopicPartition(before.name(), p);
                producerStates.remove(tp);
                logs.delete(tp);
            }
            return;
        }
        if (after != null) {
            ensurePartitions(after);
            if (before != null && !before.configs().equals(after.configs())) {
                logs.updateConfig(after.name(), logConfig(after.name()));
            }
        }
    }

    private void ensurePartitions(Topic topic) {
        LogConfig config = logConfig(topic.name());
        for (int p = 0; p < topic.partitions(); p++) {
            TopicPartition tp = new TopicPartition(topic.name(), p);
            if (!logs.offlinePartitions().contains(tp) && logs.log(tp).isEmpty()) {
                logs.getOrCreate(tp, config);
            }
        }
    }

    @Override
    public void close() {
        // The next start-up reads the producer states from here instead of replaying whole logs.
        producerStates.forEach((tp, state) -> logs.log(tp).ifPresent(log -> ProducerStates.snapshot(state, log)));
        try {
            logs.close();
        } catch (RuntimeException e) {
            LOG.error("Error closing the logs", e);
        }
    }
}
