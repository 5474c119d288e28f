package io.tributary.broker.internal.config;

import static io.tributary.broker.internal.config.ConfigDef.atLeast;
import static io.tributary.broker.internal.config.ConfigDef.between;
import static io.tributary.broker.internal.config.ConfigDef.oneOf;
import static io.tributary.broker.internal.config.ConfigType.BOOLEAN;
import static io.tributary.broker.internal.config.ConfigType.DOUBLE;
import static io.tributary.broker.internal.config.ConfigType.INT;
import static io.tributary.broker.internal.config.ConfigType.LIST;
import static io.tributary.broker.internal.config.ConfigType.LONG;
import static io.tributary.broker.internal.config.ConfigType.SHORT;
import static io.tributary.broker.internal.config.ConfigType.STRING;

/** The broker's {@code server.properties} keys, with Kafka's names and defaults (PROTOCOL.md 7.2). */
public final class BrokerConfigDef {
    public static final ConfigDef DEF = new ConfigDef()
        .define("node.id", INT, "1", atLeast(0), "at least 0", "This node's id.")
        .define("listeners", LIST, "PLAINTEXT://:9092", "Addresses to listen on, NAME://host:port,...")
        .define("advertised.listeners", LIST, null, "Addresses given to clients; defaults to listeners.")
        .define("schema.registry.listeners", STRING, null,
            "http://host:port of the built-in schema registry (Confluent REST API); unset: no registry.")
        .define("log.dirs", LIST, null, "Directories holding the log data.")
        .define("log.dir", STRING, "/tmp/tributary-logs", "Log directory used when log.dirs is not set.")
        .define("num.partitions", INT, "1", atLeast(1), "at least 1", "Partitions of auto-created topics.")
        .define("default.replication.factor", SHORT, "1", v -> ((Short) v) == 1,
            "1 (this broker runs as a single node; replication comes with clustering)",
            "Replication factor of auto-created topics.")
        .define("auto.create.topics.enable", BOOLEAN, "true", "Create unknown topics on Metadata and Produce.")
        .define("delete.topic.enable", BOOLEAN, "true", "Whether DeleteTopics is allowed.")
        .define("message.max.bytes", INT, "1048588", atLeast(0), "at least 0", "Largest record batch accepted.")
        .define("socket.request.max.bytes", INT, "104857600", atLeast(1), "at least 1", "Largest request frame.")
        .define("log.retention.hours", INT, "168", "Hours to keep a log segment.")
        .define("log.retention.minutes", INT, null, "Minutes to keep a log segment; overrides hours.")
        .define("log.retention.ms", LONG, null, atLeast(-1), "at least -1",
            "Milliseconds to keep a log segment; overrides minutes; -1 keeps forever.")
        .define("log.retention.bytes", LONG, "-1", "Partition size above which old segments are deleted.")
        .define("log.retention.check.interval.ms", LONG, "300000", atLeast(1), "at least 1",
            "How often retention runs.")
        .define("log.segment.bytes", INT, "1073741824", atLeast(14), "at least 14", "Segment size before a roll.")
        .define("log.roll.hours", INT, "168", atLeast(1), "at least 1", "Segment age before a roll, in hours.")
        .define("log.roll.ms", LONG, null, atLeast(1), "at least 1", "Segment age before a roll; overrides hours.")
        .define("log.index.size.max.bytes", INT, "10485760", atLeast(4), "at least 4", "Size of each index file.")
        .define("log.index.interval.bytes", INT, "4096", atLeast(0), "at least 0", "Bytes between index entries.")
        .define("log.cleanup.policy", LIST, "delete", oneOf("delete", "compact"), "delete and/or compact",
            "Default cleanup policy.")
        .define("log.cleaner.enable", BOOLEAN, "true", "Run the log cleaner for compacted topics.")
        .define("log.cleaner.delete.retention.ms", LONG, "86400000", atLeast(0), "at least 0",
            "How long tombstones survive compaction.")
        .define("log.cleaner.min.cleanable.ratio", DOUBLE, "0.5", between(0, 1), "between 0 and 1",
            "Dirty ratio that triggers compaction.")
        .define("log.cleaner.min.compaction.lag.ms", LONG, "0", atLeast(0), "at least 0",
            "Minimum age of a record before compaction.")
        .define("log.cleaner.max.compaction.lag.ms", LONG, "9223372036854775807", atLeast(1), "at least 1",
            "Maximum age before compaction is forced.")
        .define("log.cleaner.backoff.ms", LONG, "15000", atLeast(0), "at least 0",
            "Pause of the cleaner when there is nothing to clean.")
        .define("log.flush.interval.messages", LONG, "9223372036854775807", atLeast(1), "at least 1",
            "Messages appended before a partition is fsynced.")
        .define("log.flush.interval.ms", LONG, null, atLeast(0), "at least 0",
            "Maximum time a message stays unflushed.")
        .define("log.flush.scheduler.interval.ms", LONG, "9223372036854775807", atLeast(0), "at least 0",
            "How often logs are checked for a time-based flush.")
        .define("log.flush.offset.checkpoint.interval.ms", INT, "60000", atLeast(0), "at least 0",
            "How often recovery points are checkpointed.")
        .define("log.segment.delete.delay.ms", LONG, "60000", atLeast(0), "at least 0",
            "Delay before a deleted segment's files are removed.")
        .define("log.preallocate", BOOLEAN, "false", "Preallocate segment files.")
        .define("log.message.timestamp.type", STRING, "CreateTime", oneOf("CreateTime", "LogAppendTime"),
            "CreateTime or LogAppendTime", "Timestamp type of records in the log.")
        .define("log.message.timestamp.before.max.ms", LONG, "9223372036854775807", atLeast(0), "at least 0",
            "How far in the past a CreateTime may lie.")
        .define("log.message.timestamp.after.max.ms", LONG, "3600000", atLeast(0), "at least 0",
            "How far in the future a CreateTime may lie.")
        .define("compression.type", STRING, "producer",
            oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
            "one of producer, uncompressed, gzip, snappy, lz4, zstd", "Codec the broker stores batches in.")
        .define("max.incremental.fetch.session.cache.slots", INT, "1000", atLeast(0), "at least 0",
            "Incremental fetch sessions kept.")
        .define("min.insync.replicas", INT, "1", atLeast(1), "at least 1", "ISR size needed for acks=all.")
        .define("unclean.leader.election.enable", BOOLEAN, "false", "Allow out-of-sync leaders.")
        .define("offsets.topic.num.partitions", INT, "50", atLeast(1), "at least 1",
            "Partitions of __consumer_offsets.")
        .define("offsets.retention.minutes", INT, "10080", atLeast(1), "at least 1",
            "Expiry of committed offsets of empty groups.")
        .define("transaction.state.log.num.partitions", INT, "50", atLeast(1), "at least 1",
            "Partitions of __transaction_state.")
        .define("group.initial.rebalance.delay.ms", INT, "3000", atLeast(0), "at least 0",
            "First-rebalance delay of an empty group.")
        .define("group.min.session.timeout.ms", INT, "6000", atLeast(0), "at least 0",
            "Smallest session timeout a classic member may ask for.")
        .define("group.max.session.timeout.ms", INT, "1800000", atLeast(0), "at least 0",
            "Largest session timeout a classic member may ask for.")
        .define("group.max.size", INT, "2147483647", atLeast(1), "at least 1", "Most members of a classic group.")
        .define("offset.metadata.max.bytes", INT, "4096", atLeast(0), "at least 0",
            "Longest metadata string of a committed offset.")
        .define("offsets.retention.check.interval.ms", LONG, "600000", atLeast(1), "at least 1",
            "How often expired offsets are looked for.")
        .define("group.coordinator.rebalance.protocols", LIST, "classic,consumer", oneOf("classic", "consumer"),
            "classic and/or consumer", "Enabled group protocols; classic is required.")
        .define("group.consumer.heartbeat.interval.ms", INT, "5000", atLeast(1), "at least 1",
            "Heartbeat interval given to consumer-protocol members.")
        .define("group.consumer.min.heartbeat.interval.ms", INT, "5000", atLeast(1), "at least 1",
            "Lower bound of group.consumer.heartbeat.interval.ms.")
        .define("group.consumer.max.heartbeat.interval.ms", INT, "15000", atLeast(1), "at least 1",
            "Upper bound of group.consumer.heartbeat.interval.ms.")
        .define("group.consumer.session.timeout.ms", INT, "45000", atLeast(1), "at least 1",
            "Session timeout of consumer-protocol members.")
        .define("group.consumer.min.session.timeout.ms", INT, "45000", atLeast(1), "at least 1",
            "Lower bound of group.consumer.session.timeout.ms.")
        .define("group.consumer.max.session.timeout.ms", INT, "60000", atLeast(1), "at least 1",
            "Upper bound of group.consumer.session.timeout.ms.")
        .define("group.consumer.max.size", INT, "2147483647", atLeast(1), "at least 1",
            "Most members of a consumer-protocol group.")
        .define("group.consumer.assignors", LIST, "uniform,range", ConsumerAssignorNames::allKnown,
            "uniform and/or range (or Kafka's class names for them)",
            "Server-side assignors of consumer-protocol groups; the first is the default.")
        .define("transaction.max.timeout.ms", INT, "900000", atLeast(1), "at least 1",
            "Largest transaction timeout a producer may ask for.")
        .define("transaction.abort.timed.out.transaction.cleanup.interval.ms", INT, "10000", atLeast(1),
            "at least 1", "How often open transactions are checked against their timeout.")
        .define("transactional.id.expiration.ms", INT, "604800000", atLeast(1), "at least 1",
            "How long an idle transactional id is kept.")
        .define("transaction.remove.expired.transaction.cleanup.interval.ms", INT, "3600000", atLeast(1),
            "at least 1", "How often idle transactional ids are looked for.")
        // Kafka settings that its own config files carry; accepted so that those files load unchanged.
        .accept("process.roles", LIST, "KRaft roles of this node")
        .accept("controller.quorum.voters", LIST, "Static controller quorum")
        .accept("controller.quorum.bootstrap.servers", LIST, "Dynamic controller quorum")
        .accept("controller.listener.names", LIST, "Listeners used by controllers")
        .accept("inter.broker.listener.name", STRING, "Listener for replication")
        .accept("listener.security.protocol.map", LIST, "Listener name to security protocol")
        .accept("num.network.threads", INT, "Kafka network threads")
        .accept("num.io.threads", INT, "Kafka request handler threads")
        .accept("socket.send.buffer.bytes", INT, "Socket send buffer")
        .accept("socket.receive.buffer.bytes", INT, "Socket receive buffer")
        .accept("num.recovery.threads.per.data.dir", INT, "Recovery threads per log directory")
        .accept("offsets.topic.replication.factor", SHORT, "Replication of __consumer_offsets (single node: 1)")
        .accept("transaction.state.log.replication.factor", SHORT, "Replication of __transaction_state")
        .accept("transaction.state.log.min.isr", INT, "Minimum ISR of __transaction_state")
        .accept("share.coordinator.state.topic.replication.factor", SHORT, "Share-group state replication")
        .accept("share.coordinator.state.topic.min.isr", INT, "Share-group state minimum ISR")
        .accept("group.consumer.migration.policy", STRING, "Protocol migration of groups (not supported: none)");

    private BrokerConfigDef() {
    }
}
