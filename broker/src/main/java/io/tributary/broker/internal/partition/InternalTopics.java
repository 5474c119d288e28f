package io.tributary.broker.internal.partition;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted internal topics coordinators keep their state in ({@code __consumer_offsets},
 * {@code __transaction_state}): created on first write, and their partition logs. Stateless.
 */
public final class InternalTopics {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTopics.class);

    private InternalTopics() {
    }

    /**
     * Creates {@code name} as a compacted topic of {@code partitions} partitions unless it exists; {@code lock}
     * (the caller's) keeps two first writers from racing.
     */
    public static void ensureCompacted(BrokerContext broker, String name, int partitions, Object lock) {
        if (broker.topics().get(name).isPresent()) {
            return;
        }
        synchronized (lock) {
            if (broker.topics().get(name).isPresent()) {
                return;
            }
            try {
                broker.topics().create(name, partitions, Map.of("cleanup.policy", "compact"));
                LOG.info("Created {} with {} partitions", name, partitions);
            } catch (ApiException e) {
                if (e.error() != ErrorCode.TOPIC_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }

    /** The log of {@code name}'s partition, created if need be; COORDINATOR_NOT_AVAILABLE if there is none. */
    public static PartitionLog log(BrokerContext broker, String name, int partitions, int partition, Object lock) {
        ensureCompacted(broker, name, partitions, lock);
        TopicPartition tp = new TopicPartition(name, partition);
        return broker.partitions().log(tp).orElseThrow(() ->
            ErrorCode.COORDINATOR_NOT_AVAILABLE.exception("No log for " + tp));
    }
}
