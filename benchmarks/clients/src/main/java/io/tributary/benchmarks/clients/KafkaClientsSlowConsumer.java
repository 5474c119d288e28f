package io.tributary.benchmarks.clients;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The slow-subscriber heap measurement ({@link SlowConsumption}) with kafka-clients' {@code KafkaConsumer} and its
 * default settings (auto-commit every 5 s, up to 500 records per poll, 1 MiB per partition and 50 MiB per fetch): a
 * {@code poll(100 ms)} loop on a thread of its own that processes every record it got, slowly, before polling again.
 */
public final class KafkaClientsSlowConsumer {
    private KafkaClientsSlowConsumer() {
    }

    public static void main(String[] argv) throws Exception {
        SlowConsumption.run(argv, KafkaClientsSlowConsumer::subscribe);
    }

    private static AutoCloseable subscribe(String bootstrap, String topic, SlowConsumption.Subscriber subscriber) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", ConsumeArgs.freshGroup("kafka-clients-slow", topic));
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (!running.get()) {
                            break;
                        }
                        subscriber.process(record.value() == null ? 0 : record.value().length);
                    }
                }
            } catch (RuntimeException e) {
                subscriber.fail(e);
            }
        }, "slow-subscriber");
        loop.start();
        return () -> {
            running.set(false);
            loop.join(10_000);
        };
    }
}
