package io.tributary.admin;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic to create: its name, partition count, replication factor and config overrides. Immutable:
 * {@link #configs(Map)} and {@link #config(String, String)} return a copy.
 *
 * <pre>{@code
 * NewTopic orders = NewTopic.of("orders", 6, (short) 3).config("cleanup.policy", "compact");
 * }</pre>
 *
 * @param name              the topic name
 * @param partitions        the partition count, or {@link #BROKER_DEFAULT} for the broker's {@code num.partitions}
 * @param replicationFactor the replication factor, or {@link #BROKER_DEFAULT} for the broker's
 *                          {@code default.replication.factor}
 * @param configs           topic config overrides ({@code retention.ms} to its value), in the order given
 * @since 0.1
 */
public record NewTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    /** Leaves the partition count or replication factor to the broker's default. */
    public static final int BROKER_DEFAULT = -1;

    /**
     * @throws NullPointerException     if {@code name}, {@code configs} or a config key or value is null
     * @throws IllegalArgumentException if {@code name} is empty, or the partition count or replication factor is
     *                                  neither positive nor {@link #BROKER_DEFAULT}
     */
    public NewTopic {
        requireNonNull(name, "name");
        requireNonNull(configs, "configs");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (partitions < 1 && partitions != BROKER_DEFAULT) {
            throw new IllegalArgumentException("partitions of topic " + name + " must be positive or "
                + "BROKER_DEFAULT (-1), was " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException("replicationFactor of topic " + name + " must be positive or "
                + "BROKER_DEFAULT (-1), was " + replicationFactor);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        configs.forEach((k, v) -> copy.put(requireNonNull(k, "config name"), requireNonNull(v, "config " + k)));
        configs = Collections.unmodifiableMap(copy);
    }

    /** A topic with the given partition count and replication factor and no config overrides. */
    public static NewTopic of(String name, int partitions, short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor, Map.of());
    }

    /** A topic with the given partition count and the broker's default replication factor. */
    public static NewTopic of(String name, int partitions) {
        return of(name, partitions, (short) BROKER_DEFAULT);
    }

    /** A copy with these config overrides instead of the current ones. */
    public NewTopic configs(Map<String, String> overrides) {
        return new NewTopic(name, partitions, replicationFactor, overrides);
    }

    /** A copy with one more config override (replacing an earlier value of the same name). */
    public NewTopic config(String configName, String value) {
        Map<String, String> next = new LinkedHashMap<>(configs);
        next.put(requireNonNull(configName, "configName"), requireNonNull(value, "value"));
        return new NewTopic(name, partitions, replicationFactor, next);
    }
}
