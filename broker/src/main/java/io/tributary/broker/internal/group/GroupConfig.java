package io.tributary.broker.internal.group;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.config.BrokerConfigDef;
import io.tributary.broker.internal.config.ConfigException;
import java.util.concurrent.TimeUnit;

/**
 * The settings of the group coordinator (PROTOCOL.md 7.2), read from the broker configuration where it defines the
 * key and otherwise Kafka's default. Immutable.
 *
 * @param minSessionTimeoutMs       {@code group.min.session.timeout.ms} (6000)
 * @param maxSessionTimeoutMs       {@code group.max.session.timeout.ms} (1800000)
 * @param initialRebalanceDelayMs   {@code group.initial.rebalance.delay.ms} (3000)
 * @param newMemberJoinTimeoutMs    how long a new member's JoinGroup may stay parked (Kafka: 5 minutes)
 * @param maxMetadataBytes          {@code offset.metadata.max.bytes} (4096)
 * @param offsetsRetentionMs        {@code offsets.retention.minutes} (7 days) in milliseconds
 * @param offsetsRetentionCheckMs   {@code offsets.retention.check.interval.ms} (600000)
 * @param offsetsTopicPartitions    {@code offsets.topic.num.partitions} (50)
 * @param maxSize                   {@code group.max.size} (Integer.MAX_VALUE): most members of a classic group
 */
public record GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs,
                          int newMemberJoinTimeoutMs, int maxMetadataBytes, long offsetsRetentionMs,
                          long offsetsRetentionCheckMs, int offsetsTopicPartitions, int maxSize) {
    /** Kafka's defaults. */
    public static GroupConfig defaults() {
        return new GroupConfig(6000, 1_800_000, 3000, 300_000, 4096, TimeUnit.MINUTES.toMillis(10080), 600_000, 50,
            Integer.MAX_VALUE);
    }

    /**
     * The settings of a broker configuration.
     *
     * @throws ConfigException if the minimum session timeout exceeds the maximum
     */
    public static GroupConfig from(BrokerConfig config) {
        GroupConfig d = defaults();
        GroupConfig c = new GroupConfig(
            intValue(config, "group.min.session.timeout.ms", d.minSessionTimeoutMs),
            intValue(config, "group.max.session.timeout.ms", d.maxSessionTimeoutMs),
            intValue(config, "group.initial.rebalance.delay.ms", d.initialRebalanceDelayMs),
            d.newMemberJoinTimeoutMs,
            intValue(config, "offset.metadata.max.bytes", d.maxMetadataBytes),
            TimeUnit.MINUTES.toMillis(longValue(config, "offsets.retention.minutes", 10080)),
            longValue(config, "offsets.retention.check.interval.ms", d.offsetsRetentionCheckMs),
            intValue(config, "offsets.topic.num.partitions", d.offsetsTopicPartitions),
            intValue(config, "group.max.size", d.maxSize));
        if (c.minSessionTimeoutMs > c.maxSessionTimeoutMs) {
            throw new ConfigException("group.min.session.timeout.ms",
                "group.min.session.timeout.ms must not exceed group.max.session.timeout.ms");
        }
        return c;
    }

    /** A copy with another initial rebalance delay. */
    public GroupConfig withInitialRebalanceDelayMs(int delayMs) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, delayMs, newMemberJoinTimeoutMs,
            maxMetadataBytes, offsetsRetentionMs, offsetsRetentionCheckMs, offsetsTopicPartitions, maxSize);
    }

    /** A copy with another classic group size limit. */
    public GroupConfig withMaxSize(int size) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs,
            newMemberJoinTimeoutMs, maxMetadataBytes, offsetsRetentionMs, offsetsRetentionCheckMs,
            offsetsTopicPartitions, size);
    }

    private static int intValue(BrokerConfig config, String key, int fallback) {
        return (int) longValue(config, key, fallback);
    }

    private static long longValue(BrokerConfig config, String key, long fallback) {
        if (BrokerConfigDef.DEF.key(key) == null) {
            return fallback;
        }
        Object v = config.value(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }
}
