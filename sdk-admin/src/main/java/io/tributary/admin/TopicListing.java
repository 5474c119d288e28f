package io.tributary.admin;

import java.util.UUID;

/**
 * One topic of {@link TributaryAdmin#listTopics()}.
 *
 * @param name     the topic name
 * @param topicId  the topic's id (all zeros from brokers older than Kafka 2.8)
 * @param internal whether the broker keeps the topic for itself ({@code __consumer_offsets},
 *                 {@code __transaction_state})
 * @since 0.1
 */
public record TopicListing(String name, UUID topicId, boolean internal) {
}
