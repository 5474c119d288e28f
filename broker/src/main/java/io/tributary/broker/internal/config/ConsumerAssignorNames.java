package io.tributary.broker.internal.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The names {@code group.consumer.assignors} accepts: the server-side assignors' short names, which the
 * ConsumerGroupHeartbeat {@code ServerAssignor} field uses, and Kafka's class names for the same assignors, so that
 * Kafka configuration files load unchanged. Stateless.
 */
public final class ConsumerAssignorNames {
    private static final Map<String, String> NAMES = Map.of(
        "uniform", "uniform",
        "range", "range",
        "org.apache.kafka.coordinator.group.assignor.UniformAssignor", "uniform",
        "org.apache.kafka.coordinator.group.assignor.RangeAssignor", "range");

    private ConsumerAssignorNames() {
    }

    /** The short name of an accepted assignor name, or null if unknown. */
    public static @Nullable String shortName(String name) {
        return NAMES.get(name.trim());
    }

    /** Whether a parsed list value is non-empty and names known assignors only. */
    static boolean allKnown(Object value) {
        return value instanceof List<?> names && !names.isEmpty()
            && names.stream().allMatch(n -> n instanceof String s && shortName(s) != null);
    }
}
