package io.tributary.broker.internal.group;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.config.ConfigException;
import io.tributary.broker.internal.config.ConsumerAssignorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of consumer-protocol (KIP-848) groups, with Kafka's names and defaults. Immutable.
 *
 * @param enabled             whether {@code group.coordinator.rebalance.protocols} contains {@code consumer}
 * @param heartbeatIntervalMs {@code group.consumer.heartbeat.interval.ms} (5000), told to members
 * @param sessionTimeoutMs    {@code group.consumer.session.timeout.ms} (45000): a silent member is fenced after it
 * @param maxSize             {@code group.consumer.max.size} (Integer.MAX_VALUE)
 * @param assignors           {@code group.consumer.assignors} as short names; the first is the default
 */
public record ConsumerGroupConfig(boolean enabled, int heartbeatIntervalMs, int sessionTimeoutMs, int maxSize,
                                  List<String> assignors) {
    public ConsumerGroupConfig {
        assignors = List.copyOf(assignors);
    }

    /** Kafka's defaults. */
    public static ConsumerGroupConfig defaults() {
        return new ConsumerGroupConfig(true, 5000, 45_000, Integer.MAX_VALUE, List.of("uniform", "range"));
    }

    /**
     * The settings of a broker configuration, checked as Kafka checks them at start-up.
     *
     * @throws ConfigException if the intervals lie outside their bounds, the heartbeat interval is not below the
     *                         session timeout, or the classic protocol is not enabled
     */
    public static ConsumerGroupConfig from(BrokerConfig config) {
        List<?> protocols = (List<?>) config.value("group.coordinator.rebalance.protocols");
        if (!protocols.contains("classic")) {
            throw new ConfigException("group.coordinator.rebalance.protocols",
                "group.coordinator.rebalance.protocols must contain classic");
        }
        int heartbeat = within(config, "group.consumer.heartbeat.interval.ms",
            "group.consumer.min.heartbeat.interval.ms", "group.consumer.max.heartbeat.interval.ms");
        int session = within(config, "group.consumer.session.timeout.ms", "group.consumer.min.session.timeout.ms",
            "group.consumer.max.session.timeout.ms");
        if (heartbeat >= session) {
            throw new ConfigException("group.consumer.heartbeat.interval.ms",
                "group.consumer.heartbeat.interval.ms must be less than group.consumer.session.timeout.ms");
        }
        List<String> assignors = new ArrayList<>();
        for (Object name : (List<?>) config.value("group.consumer.assignors")) {
            String shortName = Objects.requireNonNull(ConsumerAssignorNames.shortName((String) name));
            if (!assignors.contains(shortName)) {
                assignors.add(shortName);
            }
        }
        return new ConsumerGroupConfig(protocols.contains("consumer"), heartbeat, session,
            (Integer) config.value("group.consumer.max.size"), assignors);
    }

    /** A copy with other heartbeat interval and session timeout (for tests). */
    public ConsumerGroupConfig withTimeouts(int heartbeatMs, int sessionMs) {
        return new ConsumerGroupConfig(enabled, heartbeatMs, sessionMs, maxSize, assignors);
    }

    /** A copy with another group size limit (for tests). */
    public ConsumerGroupConfig withMaxSize(int size) {
        return new ConsumerGroupConfig(enabled, heartbeatIntervalMs, sessionTimeoutMs, size, assignors);
    }

    private static int within(BrokerConfig config, String key, String minKey, String maxKey) {
        int value = (Integer) config.value(key);
        if (value < (Integer) config.value(minKey)) {
            throw new ConfigException(key, key + " must be greater than or equal to " + minKey);
        }
        if (value > (Integer) config.value(maxKey)) {
            throw new ConfigException(key, key + " must be less than or equal to " + maxKey);
        }
        return value;
    }
}
