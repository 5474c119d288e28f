package io.tributary.common;

import static java.util.Objects.requireNonNull;

/**
 * One partition of a topic. Immutable; its string form is {@code topic-partition}, as Kafka prints it.
 *
 * @param topic     the topic name, never null
 * @param partition the partition number; not checked, so {@code -1} can stand for "no partition yet"
 * @since 0.1
 */
public record TopicPartition(String topic, int partition) {
    /** @throws NullPointerException if {@code topic} is null */
    public TopicPartition {
        requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
