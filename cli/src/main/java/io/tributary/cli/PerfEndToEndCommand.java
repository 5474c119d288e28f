package io.tributary.cli;

import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.cli.internal.AcksConverter;
import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.Latencies;
import io.tributary.cli.internal.Output;
import io.tributary.cli.internal.Payloads;
import io.tributary.cli.internal.RecordSource;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.errors.ApiException;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary perf e2e --topic latency --num-records 1000}: sends one record at a time to partition 0 and waits
 * until a consumer of that partition receives it, like Kafka's {@code EndToEndLatency}; prints the percentiles of
 * those round trips. Creates the topic (one partition) if it does not exist.
 */
@Command(name = "e2e", description = "Measures end-to-end latency: produce one record, wait until it is consumed.")
final class PerfEndToEndCommand extends ClientCommand {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to use.")
    String topic;

    @Option(names = "--num-records", paramLabel = "N", defaultValue = "1000",
        description = "How many round trips to measure (default: ${DEFAULT-VALUE}).")
    long numRecords;

    @Option(names = "--record-size", paramLabel = "BYTES", defaultValue = "100",
        description = "The size of each record's value (default: ${DEFAULT-VALUE}).")
    int recordSize;

    @Option(names = "--acks", paramLabel = "ACKS", converter = AcksConverter.class,
        description = "0, 1 or all (default: all).")
    Acks acks = Acks.ALL;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "Fail when a record does not come back within MS (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    int run() throws Exception {
        if (numRecords < 1) {
            throw usage("--num-records must be positive, was " + numRecords);
        }
        if (recordSize < 1) {
            throw usage("--record-size must be positive, was " + recordSize);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = withAdmin(admin -> {
            ensureTopic(admin);
            return GroupLookups.lookUpAll(admin, List.of(partition), OffsetSpec.latest(),
                global.apiTimeout().plusSeconds(10)).get(partition);
        });
        ProducerOptions<byte[], byte[]> producerOptions = global.producerOptions()
            .linger(Duration.ZERO)
            .acks(acks);
        if (acks != Acks.ALL) {
            producerOptions = producerOptions.idempotence(false);
        }
        ConsumerOptions<byte[], byte[]> consumerOptions = global.consumerOptions(uniqueClientId("e2e"))
            .offsetReset(OffsetReset.LATEST)
            .fetchMaxWait(Duration.ofMillis(100))
            .assignment(List.of(partition));
        Latencies latencies = new Latencies(numRecords, 1_000_000);
        SplittableRandom random = new SplittableRandom();
        TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(producerOptions);
        try (RecordSource source = RecordSource.start(consumerOptions, global.apiTimeout())) {
            source.seek(partition, end, global.apiTimeout());
            for (long i = 0; i < numRecords && !context().stop().isRequested(); i++) {
                byte[] payload = Payloads.random(recordSize, random);
                long start = System.nanoTime();
                await(producer.send(ProducerRecord.<byte[], byte[]>of(topic, payload).partition(0)));
                ReceivedRecord<byte[], byte[]> received = source.poll(Duration.ofMillis(timeoutMs));
                if (received == null) {
                    throw new IllegalStateException("Record " + i + " did not come back within " + timeoutMs + " ms");
                }
                latencies.record(System.nanoTime() - start);
                if (!Arrays.equals(payload, received.value())) {
                    throw new IllegalStateException("Consumed another record than the one sent, at offset "
                        + received.offset() + " of " + partition);
                }
                source.processed(received);
            }
        } finally {
            producer.closeNow();
        }
        print(latencies.summary());
        return 0;
    }

    private void ensureTopic(TributaryAdmin admin) {
        try {
            awaitDone(admin.createTopics(List.of(NewTopic.of(topic, 1))));
        } catch (RuntimeException e) {
            if (!(ErrorMessages.unwrap(e) instanceof ApiException api
                && api.error() == ErrorCode.TOPIC_ALREADY_EXISTS)) {
                throw e;
            }
        }
    }

    private void print(Latencies.Summary s) {
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("records", s.count());
            json.put("latencyMs", PerfLatency.json(s));
            output.json(json);
        } else {
            output.table(List.of("RECORDS", "AVG-MS", "P50-MS", "P95-MS", "P99-MS", "P99.9-MS", "MAX-MS"),
                List.of(Output.row(s.count(), PerfLatency.format(s.avgMs()), PerfLatency.format(s.p50Ms()),
                    PerfLatency.format(s.p95Ms()), PerfLatency.format(s.p99Ms()), PerfLatency.format(s.p999Ms()),
                    PerfLatency.format(s.maxMs()))));
        }
    }
}
