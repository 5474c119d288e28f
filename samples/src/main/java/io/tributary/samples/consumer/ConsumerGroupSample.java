package io.tributary.samples.consumer;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Consume, process, commit: writes 600 payments to a three-partition topic, then a consumer group member processes
 * them three partitions at a time, in order within each partition, acknowledging each one once processed; the SDK
 * commits the acknowledged offsets. Prints the total per partition.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.consumer.ConsumerGroupSample
 * </pre>
 */
public final class ConsumerGroupSample {
    private static final int PAYMENTS = 600;

    private ConsumerGroupSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        if (bootstrap != null) {
            run(bootstrap, "payments-" + UUID.randomUUID()).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("payments", 3);
            run(broker.bootstrapServers(), "payments").forEach(System.out::println);
        }
    }

    /** Writes the payments to {@code topic}, consumes them in a group and returns one line per partition. */
    static List<String> run(String bootstrapServers, String topic) {
        ClientOptions client = ClientOptions.create(bootstrapServers);
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(client,
            Serdes.string().serializer(), Serdes.string().serializer()));
        producer.send(Flux.range(0, PAYMENTS)
                .map(i -> ProducerRecord.of(topic, "account-" + i % 30, Integer.toString(i % 100)).correlate(i)))
            .then(producer.close())
            .block(Duration.ofSeconds(60));

        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.string().deserializer(), Serdes.string().deserializer())
            .groupId("payment-totals")
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST));

        Map<Integer, Long> totals = new TreeMap<>();
        // Three partitions in parallel, one record at a time within each; each record is acknowledged once its
        // handler completes, and acknowledged offsets are committed in order per partition.
        consumer.receiveConcurrently(3, payment -> Mono.fromRunnable(() -> add(totals, payment)).thenReturn(payment))
            .take(PAYMENTS)
            .then(consumer.close())   // commits what was acknowledged and leaves the group
            .block(Duration.ofSeconds(60));
        return totals.entrySet().stream()
            .map(e -> "partition " + e.getKey() + ": total " + e.getValue())
            .toList();
    }

    private static void add(Map<Integer, Long> totals, ReceivedRecord<String, String> payment) {
        synchronized (totals) {
            totals.merge(payment.partition(), Long.parseLong(payment.value()), Long::sum);
        }
    }
}
