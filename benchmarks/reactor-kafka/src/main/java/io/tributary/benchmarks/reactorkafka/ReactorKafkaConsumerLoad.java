package io.tributary.benchmarks.reactorkafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;

/**
 * Reads {@code --records} records through reactor-kafka's {@code KafkaReceiver.receive()} with its default options,
 * acknowledging each record as it arrives (acknowledged offsets committed every 5 s), in a fresh group from the
 * earliest offset, after an untimed warm-up read of {@code --warmup-topic} by another receiver in another group;
 * {@code --rounds} reads (default 5), each by a new receiver in a fresh group. Takes the same arguments and prints the
 * same lines as the consumer loads in {@code benchmarks/clients}: {@code ROUND i records=N millis=M first=F} per round
 * and {@code RESULT records=N millis=M first=F} for the round with the median {@code millis} (first record to the
 * last; subscription to the first record).
 */
public final class ReactorKafkaConsumerLoad {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private ReactorKafkaConsumerLoad() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i], argv[i + 1]);
        }
        String bootstrap = a.get("--bootstrap");
        int records = Integer.parseInt(a.get("--records"));
        int size = Integer.parseInt(a.get("--size"));
        int warmUpRecords = Integer.parseInt(a.get("--warmup-records"));
        // Warm-up, not timed: connections, group join, fetch path and the JIT.
        read(bootstrap, a.get("--warmup-topic"), warmUpRecords, size);
        int rounds = Integer.parseInt(a.getOrDefault("--rounds", "5"));
        List<long[]> results = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // Cancelling closes the consumer in the background: let that finish before the next read.
            Thread.sleep(1000);
            long[] t = read(bootstrap, a.get("--topic"), records, size);
            long[] millis = {(t[2] - t[1]) / 1_000_000, (t[1] - t[0]) / 1_000_000};
            results.add(millis);
            System.out.println(String.format(Locale.ROOT, "ROUND %d records=%d millis=%d first=%d", i + 1, records,
                millis[0], millis[1]));
        }
        results.sort(Comparator.comparingLong(r -> r[0]));
        long[] median = results.get(results.size() / 2);
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d first=%d", records, median[0],
            median[1]));
        Thread.sleep(1000);
        System.exit(0);
    }

    /** Returns the nano times of the subscription, the first record and the last. */
    private static long[] read(String bootstrap, String topic, int records, int size) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "bench-reactor-kafka-" + topic + "-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class);
        props.put("value.deserializer", ByteArrayDeserializer.class);
        ReceiverOptions<byte[], byte[]> options = ReceiverOptions.<byte[], byte[]>create(props)
            .subscription(List.of(topic));
        long[] times = new long[3];
        long[] bytes = new long[1];
        int[] seen = new int[1];
        times[0] = System.nanoTime();
        KafkaReceiver.create(options)
            .receive()
            .take(records)
            .doOnNext(record -> {
                record.receiverOffset().acknowledge();
                bytes[0] += record.value() == null ? 0 : record.value().length;
                int n = ++seen[0];
                if (n == 1) {
                    times[1] = System.nanoTime();
                }
                if (n == records) {
                    times[2] = System.nanoTime();
                }
            })
            .then()
            .block(TIMEOUT);
        if (bytes[0] != (long) records * size) {
            throw new IllegalStateException("read " + bytes[0] + " value bytes, expected " + records + " × " + size);
        }
        return times;
    }
}
