package io.tributary.benchmarks.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code --records} records through kafka-clients' {@code KafkaConsumer} in a poll loop with its default
 * settings (auto-commit every 5 s of what earlier polls returned: its at-least-once mode), in a fresh group from the
 * earliest offset, after an untimed warm-up read of {@code --warmup-topic} by another consumer in another group;
 * {@code --rounds} reads, each by a new consumer in a fresh group, the median reported (see {@link ConsumeArgs}).
 */
public final class KafkaClientsConsumerLoad {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private KafkaClientsConsumerLoad() {
    }

    public static void main(String[] argv) throws Exception {
        ConsumeArgs args = ConsumeArgs.parse(argv);
        // Warm-up, not timed: connections, group join, fetch path and the JIT.
        read(args.bootstrap(), args.warmUpTopic(), args.warmUpRecords()).check(args.warmUpRecords(), args.size());
        List<ConsumeArgs.Timing> rounds = new ArrayList<>();
        for (int i = 0; i < args.rounds(); i++) {
            Thread.sleep(1000);
            rounds.add(read(args.bootstrap(), args.topic(), args.records()).check(args.records(), args.size()));
        }
        ConsumeArgs.printResult(args.records(), rounds);
    }

    private static ConsumeArgs.Timing read(String bootstrap, String topic, int records) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", ConsumeArgs.freshGroup("kafka-clients", topic));
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        ReadClock clock = new ReadClock(records);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (clock.seen() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + clock.seen() + " of " + records + " records of "
                        + topic + " in " + TimeUnit.NANOSECONDS.toSeconds(TIMEOUT.toNanos()) + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    clock.record(record.value().length);
                    if (clock.seen() == records) {
                        break;
                    }
                }
            }
        }
        return clock.timing();
    }
}
