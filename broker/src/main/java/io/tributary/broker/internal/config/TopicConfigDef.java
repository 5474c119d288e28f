package io.tributary.broker.internal.config;

import static io.tributary.broker.internal.config.ConfigDef.atLeast;
import static io.tributary.broker.internal.config.ConfigDef.between;
import static io.tributary.broker.internal.config.ConfigDef.oneOf;
import static io.tributary.broker.internal.config.ConfigType.BOOLEAN;
import static io.tributary.broker.internal.config.ConfigType.DOUBLE;
import static io.tributary.broker.internal.config.ConfigType.INT;
import static io.tributary.broker.internal.config.ConfigType.LIST;
import static io.tributary.broker.internal.config.ConfigType.LONG;
import static io.tributary.broker.internal.config.ConfigType.STRING;

import java.util.List;
import java.util.Map;

/**
 * Topic-level configurations with Kafka's names, defaults and checks (PROTOCOL.md 7.1), and the broker setting each
 * one defaults to (its synonym), in the order DescribeConfigs lists synonyms.
 */
public final class TopicConfigDef {
    public static final ConfigDef DEF = new ConfigDef()
        .define("cleanup.policy", LIST, "delete", oneOf("delete", "compact"), "delete and/or compact",
            "How old segments are cleaned: delete, compact or both.")
        .define("retention.ms", LONG, "604800000", atLeast(-1), "at least -1",
            "Age after which closed segments are deleted; -1 keeps forever.")
        .define("retention.bytes", LONG, "-1", "Partition size above which old segments are deleted.")
        .define("segment.bytes", INT, "1073741824", atLeast(1048576), "at least 1048576", "Segment size.")
        .define("segment.ms", LONG, "604800000", atLeast(1), "at least 1", "Segment age before a roll.")
        .define("segment.jitter.ms", LONG, "0", atLeast(0), "at least 0", "Random jitter of segment.ms.")
        .define("segment.index.bytes", INT, "10485760", atLeast(4), "at least 4", "Size of each index file.")
        .define("index.interval.bytes", INT, "4096", atLeast(0), "at least 0", "Bytes between index entries.")
        .define("message.timestamp.type", STRING, "CreateTime", oneOf("CreateTime", "LogAppendTime"),
            "CreateTime or LogAppendTime", "Whose timestamp records carry.")
        .define("message.timestamp.before.max.ms", LONG, "9223372036854775807", atLeast(0), "at least 0",
            "How far in the past a CreateTime may lie.")
        .define("message.timestamp.after.max.ms", LONG, "3600000", atLeast(0), "at least 0",
            "How far in the future a CreateTime may lie.")
        .define("max.message.bytes", INT, "1048588", atLeast(0), "at least 0", "Largest record batch accepted.")
        .define("min.insync.replicas", INT, "1", atLeast(1), "at least 1", "ISR size needed for acks=all.")
        .define("unclean.leader.election.enable", BOOLEAN, "false", "Allow out-of-sync leaders.")
        .define("compression.type", STRING, "producer",
            oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
            "one of producer, uncompressed, gzip, snappy, lz4, zstd", "Codec batches are stored in.")
        .define("compression.gzip.level", INT, "-1", v -> (int) v == -1 || ((int) v >= 1 && (int) v <= 9),
            "-1 or 1 to 9", "Gzip level when the broker compresses.")
        .define("compression.lz4.level", INT, "9", between(1, 17), "between 1 and 17",
            "LZ4 level when the broker compresses.")
        .define("compression.zstd.level", INT, "3", between(-131072, 22), "between -131072 and 22",
            "Zstd level when the broker compresses.")
        .define("delete.retention.ms", LONG, "86400000", atLeast(0), "at least 0",
            "How long tombstones survive compaction.")
        .define("min.cleanable.dirty.ratio", DOUBLE, "0.5", between(0, 1), "between 0 and 1",
            "Dirty ratio that triggers compaction.")
        .define("min.compaction.lag.ms", LONG, "0", atLeast(0), "at least 0",
            "Minimum age before a record may be compacted.")
        .define("max.compaction.lag.ms", LONG, "9223372036854775807", atLeast(1), "at least 1",
            "Maximum age before compaction is forced.")
        .define("file.delete.delay.ms", LONG, "60000", atLeast(0), "at least 0",
            "Delay before deleted segment files are removed.")
        .define("flush.messages", LONG, "9223372036854775807", atLeast(1), "at least 1",
            "Messages appended before an fsync; 1 syncs every append.")
        .define("flush.ms", LONG, "9223372036854775807", atLeast(0), "at least 0",
            "Maximum time data stays unsynced.")
        .define("preallocate", BOOLEAN, "false", "Preallocate segment files.");

    /** Topic config name → broker settings it defaults to, most specific first. */
    public static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
        Map.entry("cleanup.policy", List.of("log.cleanup.policy")),
        Map.entry("retention.ms", List.of("log.retention.ms", "log.retention.minutes", "log.retention.hours")),
        Map.entry("retention.bytes", List.of("log.retention.bytes")),
        Map.entry("segment.bytes", List.of("log.segment.bytes")),
        Map.entry("segment.ms", List.of("log.roll.ms", "log.roll.hours")),
        Map.entry("segment.index.bytes", List.of("log.index.size.max.bytes")),
        Map.entry("index.interval.bytes", List.of("log.index.interval.bytes")),
        Map.entry("message.timestamp.type", List.of("log.message.timestamp.type")),
        Map.entry("message.timestamp.before.max.ms", List.of("log.message.timestamp.before.max.ms")),
        Map.entry("message.timestamp.after.max.ms", List.of("log.message.timestamp.after.max.ms")),
        Map.entry("max.message.bytes", List.of("message.max.bytes")),
        Map.entry("min.insync.replicas", List.of("min.insync.replicas")),
        Map.entry("unclean.leader.election.enable", List.of("unclean.leader.election.enable")),
        Map.entry("compression.type", List.of("compression.type")),
        Map.entry("delete.retention.ms", List.of("log.cleaner.delete.retention.ms")),
        Map.entry("min.cleanable.dirty.ratio", List.of("log.cleaner.min.cleanable.ratio")),
        Map.entry("min.compaction.lag.ms", List.of("log.cleaner.min.compaction.lag.ms")),
        Map.entry("max.compaction.lag.ms", List.of("log.cleaner.max.compaction.lag.ms")),
        Map.entry("file.delete.delay.ms", List.of("log.segment.delete.delay.ms")),
        Map.entry("flush.messages", List.of("log.flush.interval.messages")),
        Map.entry("flush.ms", List.of("log.flush.interval.ms")),
        Map.entry("preallocate", List.of("log.preallocate")));

    private TopicConfigDef() {
    }
}
