package io.tributary.admin;

import java.util.List;
import java.util.UUID;

/**
 * A topic as {@link TributaryAdmin#describeTopics} finds it.
 *
 * @param name       the topic name
 * @param topicId    the topic's id (all zeros from brokers older than Kafka 2.8)
 * @param internal   whether the broker keeps the topic for itself
 * @param partitions the partitions, ordered by index
 * @since 0.1
 */
public record TopicDescription(String name, UUID topicId, boolean internal, List<TopicPartitionInfo> partitions) {
    public TopicDescription {
        partitions = List.copyOf(partitions);
    }
}
