package io.tributary.benchmarks.reactorkafka;

import io.tributary.benchmarks.clients.ConsumeArgs;
import io.tributary.benchmarks.clients.ReadClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;

/**
 * Reads {@code --records} records through reactor-kafka's {@code KafkaReceiver.receive()} with its default options,
 * acknowledging each record as it arrives (acknowledged offsets committed every 5 s), in a fresh group from the
 * earliest offset, after an untimed warm-up read of {@code --warmup-topic} by another receiver in another group;
 * {@code --rounds} reads (default 5), each by a new receiver in a fresh group. Takes the same arguments and prints the
 * same lines as the consumer loads in {@code benchmarks/clients} ({@link ConsumeArgs}).
 */
public final class ReactorKafkaConsumerLoad {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private ReactorKafkaConsumerLoad() {
    }

    public static void main(String[] argv) throws Exception {
        ConsumeArgs args = ConsumeArgs.parse(argv);
        // Warm-up, not timed: connections, group join, fetch path and the JIT.
        read(args.bootstrap(), args.warmUpTopic(), args.warmUpRecords()).check(args.warmUpRecords(), args.size());
        List<ConsumeArgs.Timing> rounds = new ArrayList<>();
        for (int i = 0; i < args.rounds(); i++) {
            // Cancelling closes the consumer in the background: let that finish before the next read.
            Thread.sleep(1000);
            rounds.add(read(args.bootstrap(), args.topic(), args.records()).check(args.records(), args.size()));
        }
        ConsumeArgs.printResult(args.records(), rounds);
        Thread.sleep(1000);
        System.exit(0);
    }

    private static ConsumeArgs.Timing read(String bootstrap, String topic, int records) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", ConsumeArgs.freshGroup("reactor-kafka", topic));
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class);
        props.put("value.deserializer", ByteArrayDeserializer.class);
        ReceiverOptions<byte[], byte[]> options = ReceiverOptions.<byte[], byte[]>create(props)
            .subscription(List.of(topic));
        ReadClock clock = new ReadClock(records);
        KafkaReceiver.create(options)
            .receive()
            .take(records)
            .doOnNext(record -> {
                record.receiverOffset().acknowledge();
                clock.record(record.value() == null ? 0 : record.value().length);
            })
            .then()
            .block(TIMEOUT);
        return clock.timing();
    }
}
