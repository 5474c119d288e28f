package io.tributary.broker.internal.metadata;

import java.util.Map;
import java.util.UUID;

/**
 * A topic as the broker knows it: name, id, partition count and its config overrides. Immutable; changes make a
 * new instance.
 *
 * @param name       topic name
 * @param id         topic id, never the zero UUID
 * @param partitions number of partitions
 * @param configs    topic-level overrides by Kafka config name
 * @param internal   whether it is one of the broker's internal topics
 */
public record Topic(String name, UUID id, int partitions, Map<String, String> configs, boolean internal) {
    public Topic {
        configs = Map.copyOf(configs);
    }

    public Topic withPartitions(int count) {
        return new Topic(name, id, count, configs, internal);
    }

    public Topic withConfigs(Map<String, String> overrides) {
        return new Topic(name, id, partitions, overrides, internal);
    }
}
