package io.tributary.connect.internal.distributed;

import io.tributary.client.ClientOptions;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.consumer.group.MembershipOptions;
import java.time.Duration;
import java.util.Map;

/**
 * A distributed worker's own settings, with Kafka Connect's names: {@code group.id}, the three topics and their
 * replication factor and partitions, the group's time-outs and {@code scheduled.rebalance.max.delay.ms}.
 *
 * @param maxRebalanceDelayMs how long the work of a departed worker waits for it to come back before it moves
 * @param exactlyOnceSource   {@code exactly.once.source.support}: {@code disabled}, {@code preparing} (offsets are
 *                            read committed, so that workers can be switched to {@code enabled} one by one) or
 *                            {@code enabled} (source tasks write records and offsets in transactions)
 */
public record DistributedSettings(String groupId, String configTopic, String offsetTopic, String statusTopic,
                                  short replicationFactor, int offsetPartitions, int statusPartitions,
                                  Duration sessionTimeout, Duration heartbeatInterval, Duration rebalanceTimeout,
                                  long maxRebalanceDelayMs, String exactlyOnceSource) {
    public static final String GROUP_ID = "group.id";
    public static final String CONFIG_TOPIC = "config.storage.topic";
    public static final String OFFSET_TOPIC = "offset.storage.topic";
    public static final String STATUS_TOPIC = "status.storage.topic";
    public static final String EXACTLY_ONCE_SOURCE_SUPPORT = "exactly.once.source.support";

    /** The keys, for validation and documentation. */
    public static final ConfigDef CONFIG = new ConfigDef()
        .define(GROUP_ID, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "The group the workers of one Connect cluster share.")
        .define(CONFIG_TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "The compacted topic of connector and task configurations (1 partition).")
        .define(OFFSET_TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "The compacted topic of source connectors' offsets.")
        .define(STATUS_TOPIC, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            ConfigDef.Importance.HIGH, "The compacted topic of connector and task states.")
        .define("replication.factor", ConfigDef.Type.SHORT, (short) -1, ConfigDef.Importance.LOW,
            "Replication factor of the three topics; -1 for the broker's default.")
        .define("offset.storage.partitions", ConfigDef.Type.INT, 25, Validator.atLeast(1),
            ConfigDef.Importance.LOW, "Partitions of the offsets topic.")
        .define("status.storage.partitions", ConfigDef.Type.INT, 5, Validator.atLeast(1),
            ConfigDef.Importance.LOW, "Partitions of the status topic.")
        .define("session.timeout.ms", ConfigDef.Type.INT, 10_000, Validator.atLeast(1), ConfigDef.Importance.HIGH,
            "How long the group waits for a silent worker before moving its work.")
        .define("heartbeat.interval.ms", ConfigDef.Type.INT, 3_000, Validator.atLeast(1),
            ConfigDef.Importance.HIGH, "How often workers heartbeat.")
        .define("rebalance.timeout.ms", ConfigDef.Type.INT, 60_000, Validator.atLeast(1),
            ConfigDef.Importance.MEDIUM, "How long a rebalance waits for workers to rejoin.")
        .define("scheduled.rebalance.max.delay.ms", ConfigDef.Type.INT, 300_000, Validator.atLeast(0),
            ConfigDef.Importance.LOW, "How long the work of a departed worker waits for it to return before it "
                + "is assigned to the others.")
        .define(EXACTLY_ONCE_SOURCE_SUPPORT, ConfigDef.Type.STRING, "disabled",
            Validator.in("disabled", "preparing", "enabled"), ConfigDef.Importance.HIGH, "Whether source tasks "
                + "write their records and source offsets in transactions (enabled), so that a read_committed "
                + "consumer sees every record exactly once; preparing reads offsets committed only, for a rolling "
                + "upgrade to enabled.");

    /**
     * Parses the worker properties (other keys are ignored here).
     *
     * @throws io.tributary.connect.config.ConfigException naming a missing or invalid key
     */
    public static DistributedSettings parse(Map<String, String> props) {
        Map<String, String> mine = new java.util.HashMap<>();
        CONFIG.names().forEach(k -> {
            if (props.containsKey(k)) {
                mine.put(k, props.get(k));
            }
        });
        // Kafka Connect names a replication factor per topic; one value serves all three here.
        for (String k : new String[] {"config.storage.replication.factor", "offset.storage.replication.factor",
            "status.storage.replication.factor"}) {
            if (props.containsKey(k)) {
                mine.putIfAbsent("replication.factor", props.get(k));
            }
        }
        ParsedConfig c = CONFIG.parse(mine);
        return new DistributedSettings(c.getString(GROUP_ID), c.getString(CONFIG_TOPIC), c.getString(OFFSET_TOPIC),
            c.getString(STATUS_TOPIC), c.getShort("replication.factor"), c.getInt("offset.storage.partitions"),
            c.getInt("status.storage.partitions"), Duration.ofMillis(c.getInt("session.timeout.ms")),
            Duration.ofMillis(c.getInt("heartbeat.interval.ms")), Duration.ofMillis(c.getInt("rebalance.timeout.ms")),
            c.getInt("scheduled.rebalance.max.delay.ms"), String.valueOf(c.getString(EXACTLY_ONCE_SOURCE_SUPPORT)));
    }

    /** Whether source tasks run exactly once. */
    public boolean exactlyOnceEnabled() {
        return "enabled".equals(exactlyOnceSource);
    }

    /** Whether offsets are read committed only ({@code preparing} or {@code enabled}). */
    boolean readsOffsetsCommitted() {
        return !"disabled".equals(exactlyOnceSource);
    }

    MembershipOptions membership(ClientOptions client) {
        return MembershipOptions.create(client, groupId)
            .sessionTimeout(sessionTimeout)
            .heartbeatInterval(heartbeatInterval)
            .rebalanceTimeout(rebalanceTimeout);
    }
}
