package io.tributary.samples.consumer;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.samples.SampleArgs;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Exactly-once consume-transform-produce: reads orders, writes each one upper-cased to {@code orders-shipped} in
 * transactions that also commit the consumed offsets, then reads the output back with {@code read_committed}.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.consumer.ExactlyOnceSample
 * </pre>
 */
public final class ExactlyOnceSample {
    private static final int ORDERS = 100;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private ExactlyOnceSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        String suffix = bootstrap == null ? "" : "-" + UUID.randomUUID();
        if (bootstrap != null) {
            System.out.println(run(bootstrap, "orders" + suffix, "orders-shipped" + suffix));
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("orders", 2);
            broker.createTopic("orders-shipped", 2);
            System.out.println(run(broker.bootstrapServers(), "orders", "orders-shipped"));
        }
    }

    /** Runs the pipeline over {@code ORDERS} orders and describes what a read_committed reader sees. */
    static String run(String bootstrapServers, String input, String output) {
        ClientOptions client = ClientOptions.create(bootstrapServers);
        TributaryProducer<String, String> writer = TributaryProducer.create(ProducerOptions.create(client,
            Serdes.string().serializer(), Serdes.string().serializer()));
        writer.send(Flux.range(0, ORDERS).map(i -> ProducerRecord.of(input, "order-" + i, "order " + i).correlate(i)))
            .then(writer.close())
            .block(WAIT);

        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.string().deserializer(), Serdes.string().deserializer())
            .groupId("shipping")
            .subscription(List.of(input))
            .offsetReset(OffsetReset.EARLIEST)
            .isolationLevel(IsolationLevel.READ_COMMITTED));
        // The transactional id names this pipeline: a restarted instance with the same id fences the old one.
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client,
                Serdes.string().serializer(), Serdes.string().serializer())
            .transactionalId("shipping-pipeline"));

        consumer.receiveExactlyOnce(producer, 25, order -> Mono.just(
                ProducerRecord.of(output, order.key(), order.value().toUpperCase(Locale.ROOT)).correlate(order.key())))
            .take(ORDERS)
            .then(consumer.close())
            .then(producer.close())
            .block(WAIT);

        TributaryConsumer<String, String> auditor = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.string().deserializer(), Serdes.string().deserializer())
            .groupId("auditors")
            .subscription(List.of(output))
            .offsetReset(OffsetReset.EARLIEST)
            .isolationLevel(IsolationLevel.READ_COMMITTED));
        List<String> shipped = auditor.receive()
            .take(ORDERS)
            .map(ReceivedRecord::value)
            .collectList()
            .block(WAIT);
        auditor.close().block(WAIT);
        long distinct = shipped.stream().distinct().count();
        return shipped.size() + " orders shipped, " + distinct + " distinct, e.g. \"" + shipped.stream().sorted()
            .findFirst().orElse("") + "\"";
    }
}
