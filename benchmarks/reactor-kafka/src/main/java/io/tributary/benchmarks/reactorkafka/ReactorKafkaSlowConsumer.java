package io.tributary.benchmarks.reactorkafka;

import io.tributary.benchmarks.clients.SlowConsumption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;

/**
 * The slow-subscriber heap measurement ({@link SlowConsumption}) with reactor-kafka's {@code KafkaReceiver} and its
 * default options (and kafka-clients' consumer defaults underneath; commits every 5 s): the subscriber of
 * {@code receive()} moves to a thread of its own with {@code publishOn} (Reactor's default prefetch, 256 records),
 * processes every record slowly there and acknowledges it. Its requests are the only backpressure.
 */
public final class ReactorKafkaSlowConsumer {
    private ReactorKafkaSlowConsumer() {
    }

    public static void main(String[] argv) throws Exception {
        SlowConsumption.run(argv, ReactorKafkaSlowConsumer::subscribe);
    }

    private static AutoCloseable subscribe(String bootstrap, String topic, SlowConsumption.Subscriber subscriber) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "bench-reactor-kafka-slow-" + topic + "-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", ByteArrayDeserializer.class);
        props.put("value.deserializer", ByteArrayDeserializer.class);
        ReceiverOptions<byte[], byte[]> options = ReceiverOptions.<byte[], byte[]>create(props)
            .subscription(List.of(topic));
        Scheduler slow = Schedulers.newSingle("slow-subscriber");
        Disposable subscription = KafkaReceiver.create(options)
            .receive()
            .publishOn(slow)
            .subscribe(record -> {
                subscriber.process(record.value() == null ? 0 : record.value().length);
                record.receiverOffset().acknowledge();
            }, subscriber::fail);
        return () -> {
            subscription.dispose();
            slow.dispose();
        };
    }
}
