package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;

/** Finds a partition's log for the partition-level APIs, failing with the Kafka error each situation calls for. */
final class PartitionLookup {
    private PartitionLookup() {
    }

    /**
     * The online log of a partition.
     *
     * @throws ApiException UNKNOWN_TOPIC_OR_PARTITION, or KAFKA_STORAGE_ERROR for an offline log
     */
    static PartitionLog log(BrokerContext broker, String topic, int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        if (broker.partitions().isOffline(tp)) {
            throw ErrorCode.KAFKA_STORAGE_ERROR.exception("The log of " + tp + " is offline");
        }
        return broker.partitions().log(tp).orElseThrow(() ->
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("Unknown partition " + tp));
    }

    /** Checks a client's leader epoch against ours (always 0 on a single node); -1 skips the check. */
    static void checkLeaderEpoch(int currentLeaderEpoch) {
        if (currentLeaderEpoch > 0) {
            throw ErrorCode.UNKNOWN_LEADER_EPOCH.exception("Leader epoch " + currentLeaderEpoch
                + " is newer than this broker's 0");
        }
    }
}
