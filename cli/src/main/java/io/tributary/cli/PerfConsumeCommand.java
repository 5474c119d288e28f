package io.tributary.cli;

import io.tributary.cli.internal.Output;
import io.tributary.cli.internal.RecordSource;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary perf consume --topic perf --messages 1000000}: reads records from the start of every partition
 * (or as {@code --group}) and prints records/s and MB/s, and how long the first record took to arrive, like Kafka's
 * {@code ConsumerPerformance}. Fails when no record came for {@code --timeout-ms} before enough were read.
 */
@Command(name = "consume", description = "Measures consumer throughput.")
final class PerfConsumeCommand extends ClientCommand {
    private static final Duration POLL_SLICE = Duration.ofMillis(100);

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--messages", required = true, paramLabel = "N", description = "How many records to read.")
    long messages;

    @Option(names = "--group", paramLabel = "GROUP",
        description = "Read as a member of GROUP (default: every partition, without a group).")
    @Nullable String group;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "Fail when no record came for MS (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    int run() throws Exception {
        if (messages < 1) {
            throw usage("--messages must be positive, was " + messages);
        }
        int partitions = withAdmin(admin -> await(admin.describeTopics(List.of(topic))).get(topic)
            .partitions().size());
        ConsumerOptions<byte[], byte[]> options = global.consumerOptions(uniqueClientId("perf-consumer"))
            .offsetReset(OffsetReset.EARLIEST);
        options = group != null ? options.groupId(group).subscription(List.of(topic))
            : options.assignment(IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList());
        long count = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long firstAt = -1;
        long lastAt = start;
        try (RecordSource source = RecordSource.start(options, global.apiTimeout())) {
            while (count < messages && !context().stop().isRequested()) {
                ReceivedRecord<byte[], byte[]> r = source.poll(POLL_SLICE);
                long now = System.nanoTime();
                if (r == null) {
                    if (now - lastAt >= Duration.ofMillis(timeoutMs).toNanos()) {
                        break;
                    }
                    continue;
                }
                firstAt = firstAt < 0 ? now : firstAt;
                lastAt = now;
                count++;
                bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                source.processed(r);
            }
            if (group != null) {
                source.commit(global.apiTimeout());
            }
        } finally {
            if (group != null) {
                awaitLeft(group, options.client().clientId(), ConsumeCommand.LEAVE_TIMEOUT);
            }
        }
        print(count, bytes, (lastAt - start) / 1e9, firstAt < 0 ? -1 : (firstAt - start) / 1e6);
        if (count < messages) {
            throw new IllegalStateException("Read only " + count + " of " + messages + " records: none came for "
                + timeoutMs + " ms");
        }
        return 0;
    }

    private void print(long count, long bytes, double seconds, double firstRecordMs) {
        double mb = bytes / (1024.0 * 1024.0);
        double recordsPerSecond = seconds > 0 ? count / seconds : 0;
        double mbPerSecond = seconds > 0 ? mb / seconds : 0;
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("records", count);
            json.put("mb", PerfLatency.round(mb));
            json.put("seconds", PerfLatency.round(seconds));
            json.put("recordsPerSecond", PerfLatency.round(recordsPerSecond));
            json.put("mbPerSecond", PerfLatency.round(mbPerSecond));
            json.put("firstRecordMs", PerfLatency.round(firstRecordMs));
            output.json(json);
        } else {
            output.table(List.of("RECORDS", "MB", "SECONDS", "RECORDS/S", "MB/S", "FIRST-RECORD-MS"),
                List.of(Output.row(count, PerfLatency.format(mb), PerfLatency.format(seconds),
                    PerfLatency.format(recordsPerSecond), PerfLatency.format(mbPerSecond),
                    PerfLatency.format(firstRecordMs))));
        }
    }
}
