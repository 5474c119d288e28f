package io.tributary.cli;

import io.tributary.admin.TopicDescription;
import io.tributary.cli.internal.Json;
import io.tributary.cli.internal.RecordSource;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary consume --topic orders [--group billing] [--from-beginning]}: prints records until
 * {@code --max-messages} were printed, no record came for {@code --timeout-ms}, or Ctrl-C. Without {@code --group}
 * it reads every partition (or {@code --partition}) without a group and commits nothing; with one it joins the
 * group (or, with {@code --partition}, reads that partition and commits for the group) and commits what it printed
 * before it exits.
 */
@Command(name = "consume", description = "Prints records of a topic.")
final class ConsumeCommand extends ClientCommand {
    private static final Duration POLL_SLICE = Duration.ofMillis(100);
    /** How long the command waits for its consumer to have left the group before it exits anyway. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP",
        description = "Consume as a member of GROUP and commit the printed records' offsets.")
    @Nullable String group;

    @Option(names = "--from-beginning",
        description = "Start at the oldest record where nothing is committed (default: only new records).")
    boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", description = "Read only this partition.")
    @Nullable Integer partition;

    @Option(names = "--offset", paramLabel = "OFFSET",
        description = "With --partition: start at this offset, or at earliest or latest.")
    @Nullable String offset;

    @Option(names = "--print-key", description = "Print each record's key before its value.")
    boolean printKey;

    @Option(names = "--print-headers", description = "Print each record's headers (KEY:VALUE,...).")
    boolean printHeaders;

    @Option(names = "--print-timestamp", description = "Print each record's timestamp.")
    boolean printTimestamp;

    @Option(names = "--key-separator", paramLabel = "SEP", defaultValue = "\t",
        description = "What --print-key puts between key and value (default: a tab).")
    String keySeparator = "\t";

    @Option(names = "--max-messages", paramLabel = "N", description = "Exit after printing N records.")
    @Nullable Long maxMessages;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Exit when no record came for MS.")
    @Nullable Long timeoutMs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text or json: one JSON object per record and line (default: ${DEFAULT-VALUE}).")
    RecordFormat format = RecordFormat.TEXT;

    /** How records are printed. */
    enum RecordFormat {
        TEXT,
        JSON
    }

    @Override
    int run() throws Exception {
        validate();
        int partitionCount = withAdmin(admin -> {
            TopicDescription d = await(admin.describeTopics(List.of(topic))).get(topic);
            return d.partitions().size();
        });
        if (partition != null && partition >= partitionCount) {
            throw new IllegalArgumentException("Topic " + topic + " has no partition " + partition + " (it has "
                + partitionCount + ")");
        }
        List<TopicPartition> assigned = partition != null ? List.of(new TopicPartition(topic, partition))
            : IntStream.range(0, partitionCount).mapToObj(p -> new TopicPartition(topic, p)).toList();
        String clientId = uniqueClientId("consumer");
        ConsumerOptions<byte[], byte[]> options = options(clientId, assigned);
        long printed;
        try (RecordSource source = RecordSource.start(options, global.apiTimeout())) {
            position(source, assigned);
            printed = printRecords(source);
            if (group != null) {
                source.commit(global.apiTimeout());
            }
        } finally {
            if (options.subscribedTopics() != null) {
                awaitLeft(group, options.client().clientId(), LEAVE_TIMEOUT);
            }
        }
        err().println("Processed a total of " + printed + " messages");
        err().flush();
        return 0;
    }

    private void validate() {
        if (offset != null && partition == null) {
            throw usage("--offset needs --partition");
        }
        if (offset != null && fromBeginning) {
            throw usage("--offset and --from-beginning exclude each other");
        }
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest")) {
            try {
                if (Long.parseLong(offset) < 0) {
                    throw usage("--offset must not be negative, was " + offset);
                }
            } catch (NumberFormatException e) {
                throw usage("--offset must be a number, earliest or latest, was '" + offset + "'");
            }
        }
        if (partition != null && partition < 0) {
            throw usage("--partition must not be negative, was " + partition);
        }
        if (maxMessages != null && maxMessages < 1) {
            throw usage("--max-messages must be positive, was " + maxMessages);
        }
        if (timeoutMs != null && timeoutMs < 1) {
            throw usage("--timeout-ms must be positive, was " + timeoutMs);
        }
    }

    private ConsumerOptions<byte[], byte[]> options(String clientId, List<TopicPartition> assigned) {
        boolean earliest = fromBeginning || "earliest".equals(offset);
        ConsumerOptions<byte[], byte[]> options = global.consumerOptions(clientId)
            .offsetReset(earliest ? OffsetReset.EARLIEST : OffsetReset.LATEST);
        if (group != null) {
            options = options.groupId(group);
        }
        return group != null && partition == null ? options.subscription(List.of(topic))
            : options.assignment(assigned);
    }

    /** Applies {@code --offset}; committed offsets of a group would otherwise win over the offset reset. */
    private void position(RecordSource source, List<TopicPartition> assigned) {
        if (offset == null) {
            return;
        }
        Duration timeout = global.apiTimeout();
        if (offset.equals("earliest")) {
            if (group != null) {
                source.seekToBeginning(assigned, timeout);
            }
        } else if (offset.equals("latest")) {
            if (group != null) {
                source.seekToEnd(assigned, timeout);
            }
        } else {
            source.seek(assigned.get(0), Long.parseLong(offset), timeout);
        }
    }

    private long printRecords(RecordSource source) throws InterruptedException {
        PrintWriter out = out();
        long printed = 0;
        long lastRecordAt = System.nanoTime();
        while (maxMessages == null || printed < maxMessages) {
            ReceivedRecord<byte[], byte[]> record = source.poll(Duration.ZERO);
            if (record == null) {
                out.flush();
                record = source.poll(POLL_SLICE);
            }
            if (record == null) {
                if (context().stop().isRequested()) {
                    break;
                }
                if (timeoutMs != null && System.nanoTime() - lastRecordAt >= Duration.ofMillis(timeoutMs).toNanos()) {
                    break;
                }
                continue;
            }
            out.println(format == RecordFormat.JSON ? Json.compact(json(record)) : text(record));
            source.processed(record);
            printed++;
            lastRecordAt = System.nanoTime();
        }
        out.flush();
        return printed;
    }

    private String text(ReceivedRecord<byte[], byte[]> record) {
        StringBuilder line = new StringBuilder();
        if (printTimestamp) {
            line.append("Timestamp:").append(record.timestamp()).append('\t');
        }
        if (printHeaders) {
            List<String> headers = new ArrayList<>();
            for (Header h : record.headers()) {
                headers.add(h.key() + ":" + string(h.value()));
            }
            line.append(headers.isEmpty() ? "NO_HEADERS" : String.join(",", headers)).append('\t');
        }
        if (printKey) {
            line.append(string(record.key())).append(keySeparator);
        }
        return line.append(string(record.value())).toString();
    }

    private static Map<String, Object> json(ReceivedRecord<byte[], byte[]> record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp());
        json.put("key", record.key() == null ? null : string(record.key()));
        json.put("value", record.value() == null ? null : string(record.value()));
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("key", h.key());
            header.put("value", h.value() == null ? null : string(h.value()));
            headers.add(header);
        }
        json.put("headers", headers);
        return json;
    }

    private static String string(byte @Nullable [] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
