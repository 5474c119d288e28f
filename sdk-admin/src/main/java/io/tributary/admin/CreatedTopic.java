package io.tributary.admin;

import java.util.UUID;

/**
 * What the broker answered for one created (or, with {@code validateOnly}, validated) topic.
 *
 * @param name              the topic name
 * @param topicId           the topic's id; all zeros from brokers older than Kafka 2.8. When only validated, the
 *                          id is one no topic keeps (Kafka sends a fresh one, Tributary's broker all zeros)
 * @param partitions        the partition count, resolved from the broker default where the request left it open
 * @param replicationFactor the replication factor, resolved likewise
 * @since 0.1
 */
public record CreatedTopic(String name, UUID topicId, int partitions, short replicationFactor) {
}
