package io.tributary.benchmarks.reactorkafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * Sends {@code --records} values of {@code --size} bytes without keys through reactor-kafka's {@code KafkaSender}
 * with its default options, and prints the time from the first record to the last result, after an untimed
 * warm-up of a fifth as many records. Takes the same
 * arguments and prints the same result line as the generators in {@code benchmarks/clients}.
 */
public final class ReactorKafkaProducerLoad {
    private ReactorKafkaProducerLoad() {
    }

    public static void main(String[] argv) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i], argv[i + 1]);
        }
        String topic = a.get("--topic");
        int records = Integer.parseInt(a.get("--records"));
        int size = Integer.parseInt(a.get("--size"));
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", a.get("--bootstrap"));
        props.put("acks", a.get("--acks"));
        props.put("enable.idempotence", a.get("--idempotence"));
        props.put("key.serializer", ByteArraySerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        KafkaSender<byte[], byte[]> sender = KafkaSender.create(SenderOptions.create(props));
        // Warm-up, not timed: connections, metadata, producer id, and the JIT (a fifth of the records first).
        sender.send(Flux.range(0, Math.max(1, records / 5))
                .map(i -> SenderRecord.create(new ProducerRecord<byte[], byte[]>(topic, payload), i)))
            .blockLast(Duration.ofMinutes(10));
        long start = System.nanoTime();
        Long sent = sender.send(Flux.range(0, records)
                .map(i -> SenderRecord.create(new ProducerRecord<byte[], byte[]>(topic, payload), i)))
            .filter(r -> r.exception() == null)
            .count()
            .block(Duration.ofMinutes(30));
        long nanos = System.nanoTime() - start;
        sender.close();
        if (sent == null || sent != records) {
            throw new IllegalStateException("only " + sent + " of " + records + " records were sent");
        }
        System.out.println(String.format(Locale.ROOT, "RESULT records=%d millis=%d", records, nanos / 1_000_000));
    }
}
