package io.tributary.benchmarks.clients;

import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import java.util.List;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The slow-subscriber heap measurement ({@link SlowConsumption}) with Tributary's consumer and its default settings
 * ({@code receive()}, 32 MiB fetched ahead, 1 MiB per partition and 50 MiB per fetch, commits every 5 s): the
 * subscriber moves to a thread of its own with {@code publishOn} (Reactor's default prefetch, 256 records), processes
 * every record slowly there and acknowledges it. Its requests are the only backpressure.
 */
public final class TributarySlowConsumer {
    private TributarySlowConsumer() {
    }

    public static void main(String[] argv) throws Exception {
        SlowConsumption.run(argv, TributarySlowConsumer::subscribe);
    }

    private static AutoCloseable subscribe(String bootstrap, String topic, SlowConsumption.Subscriber subscriber) {
        TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(bootstrap), Serdes.byteArray().deserializer(),
                Serdes.byteArray().deserializer())
            .groupId(ConsumeArgs.freshGroup("tributary-slow", topic))
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST));
        Scheduler slow = Schedulers.newSingle("slow-subscriber");
        Disposable subscription = consumer.receive()
            .publishOn(slow)
            .subscribe(record -> {
                subscriber.process(valueLength(record));
                record.acknowledge();
            }, subscriber::fail);
        return () -> {
            subscription.dispose();
            slow.dispose();
        };
    }

    private static int valueLength(ReceivedRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        return value == null ? 0 : value.length;
    }
}
