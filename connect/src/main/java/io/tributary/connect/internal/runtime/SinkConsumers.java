package io.tributary.connect.internal.runtime;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.consumer.AssignmentListener;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.scheduler.Scheduler;

/**
 * The consumer of a sink task, as Kafka Connect configures it: the worker's {@code consumer.*} settings and the
 * connector's {@code consumer.override.*}, group {@code connect-<connector name>}, reading from the earliest offset
 * when the group has none, subscribed to {@code topics} or {@code topics.regex}. {@code max.poll.records} (default
 * 500) bounds the batches handed to {@code put}. Immutable.
 */
final class SinkConsumers {
    static final int DEFAULT_MAX_POLL_RECORDS = 500;

    private final Map<String, Object> props;
    private final ConnectorConfig connector;
    private final ConnectorTaskId id;
    private final int maxPollRecords;

    SinkConsumers(WorkerConfig worker, ConnectorConfig connector, ConnectorTaskId id) {
        this.props = new HashMap<>(worker.consumerProperties());
        props.putAll(connector.withPrefix("consumer.override."));
        this.connector = connector;
        this.id = id;
        Object max = props.get("max.poll.records");
        try {
            this.maxPollRecords = max == null ? DEFAULT_MAX_POLL_RECORDS : Integer.parseInt(max.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("max.poll.records", max, "Not a number");
        }
        if (maxPollRecords < 1) {
            throw new ConfigException("max.poll.records", max, "Value must be at least 1");
        }
    }

    /** The group of a sink connector's consumers. */
    static String groupId(String connector) {
        return "connect-" + connector;
    }

    int maxPollRecords() {
        return maxPollRecords;
    }

    /** A consumer emitting on {@code scheduler} (the task's thread), telling {@code listener} of rebalances. */
    TributaryConsumer<byte[], byte[]> create(Scheduler scheduler, AssignmentListener listener) {
        Map<String, Object> all = new HashMap<>(props);
        all.putIfAbsent("client.id", "connector-consumer-" + id);
        ConsumerOptions<byte[], byte[]> options = TaskResources.options(() -> ConsumerOptions.fromProperties(all,
            Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer()), "consumer");
        if (!connector.withPrefix("consumer.override.").containsKey("group.id")) {
            options = options.groupId(groupId(connector.name()));   // a worker-wide group.id would mix connectors
        }
        if (!props.containsKey("auto.offset.reset")) {
            options = options.offsetReset(OffsetReset.EARLIEST);
        }
        Pattern regex = connector.topicsRegex();
        options = regex != null ? options.subscription(regex) : options.subscription(connector.topics());
        return TributaryConsumer.create(options
            .scheduler(scheduler)
            .assignmentListener(listener));
    }
}
