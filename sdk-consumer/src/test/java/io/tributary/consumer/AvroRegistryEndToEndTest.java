package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.errors.TributaryException;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.Serdes;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.avro.AvroSerdes;
import io.tributary.serdes.avro.Payment;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Avro through the embedded broker's schema registry, end to end: Tributary's producer writes with the registry
 * serializer and the consumer reads specific records with the registry deserializer, which must go through
 * {@code deserializeAsync} because it has not fetched the writer's schema yet.
 */
final class AvroRegistryEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("schema.registry.listeners", "http://127.0.0.1:0")
        .topic("payments", 2)
        .topic("poisoned-payments", 1)
        .topic("dead-lettered-payments", 1)
        .topic("payments.DLT", 1));

    private static String registryUrl() {
        return BROKER.broker().schemaRegistryUrl();
    }

    /** A deserializer of its own registry client, so nothing is cached from the producer side. */
    private static Deserializer<Payment> freshDeserializer() {
        return AvroSerdes.specific(Payment.class, SchemaRegistryClient.create(registryUrl()),
            RegistrySerdeOptions.forValues()).deserializer();
    }

    private static Serializer<Payment> serializer() {
        return AvroSerdes.specific(Payment.class, SchemaRegistryClient.create(registryUrl()),
            RegistrySerdeOptions.forValues()).serializer();
    }

    private static <V> ConsumerOptions<String, V> consumerOptions(Deserializer<V> values, TopicPartition... tps) {
        return ConsumerOptions.create(ClientOptions.create(BROKER.bootstrapServers()), Serdes.string().deserializer(),
                values)
            .offsetReset(OffsetReset.EARLIEST)
            .assignment(List.of(tps));
    }

    private static <V> void produce(Serializer<V> values, List<ProducerRecord<String, V>> records) {
        TributaryProducer<String, V> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(BROKER.bootstrapServers()), Serdes.string().serializer(), values));
        try {
            List<SendResult<Integer>> results = producer.send(Flux.range(0, records.size())
                    .map(i -> records.get(i).correlate(i)))
                .collectList()
                .block(WAIT);
            assertThat(results).hasSize(records.size())
                .allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
        } finally {
            producer.closeNow();
        }
    }

    private static Payment payment(int i) {
        return new Payment("p-" + i, 10.25 * i, i % 3 == 0 ? "EUR" : "USD");
    }

    @Test
    void specificRecordsWrittenByTheProducerAreReadBackWithEveryField() {
        List<ProducerRecord<String, Payment>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(ProducerRecord.of("payments", "k-" + i, payment(i)).partition(i % 2));
        }
        records.add(ProducerRecord.<String, Payment>of("payments", "k-gone", null).partition(0));
        produce(serializer(), records);

        Deserializer<Payment> values = freshDeserializer();
        byte[] written = serializer().serializeAsync("payments", new ArrayList<>(), payment(1)).block(WAIT);
        assertThatThrownBy(() -> values.deserialize("payments", written))
            .as("the synchronous method cannot fetch the schema; the consumer must use deserializeAsync")
            .isInstanceOf(SerializationException.class);

        TributaryConsumer<String, Payment> consumer = TributaryConsumer.create(consumerOptions(values,
            new TopicPartition("payments", 0), new TopicPartition("payments", 1)));
        List<ReceivedRecord<String, Payment>> received = consumer.receive().take(41).collectList().block(WAIT);

        assertThat(received).hasSize(41);
        for (ReceivedRecord<String, Payment> r : received) {
            if (r.key().equals("k-gone")) {
                assertThat(r.value()).as("a tombstone stays null").isNull();
                assertThat(r.partition()).isZero();
                assertThat(r.offset()).isEqualTo(20L);
                continue;
            }
            int i = Integer.parseInt(r.key().substring(2));
            Payment expected = payment(i);
            assertThat(r.partition()).isEqualTo(i % 2);
            assertThat(r.offset()).isEqualTo(i / 2);
            assertThat(r.value()).isInstanceOf(Payment.class);
            assertThat(r.value().id()).isEqualTo(expected.id());
            assertThat(r.value().amount()).isEqualTo(expected.amount());
            assertThat(r.value().currency()).isEqualTo(expected.currency());
        }
        received.stream()
            .collect(Collectors.groupingBy(ReceivedRecord::partition,
                Collectors.mapping(ReceivedRecord::offset, Collectors.toList())))
            .values()
            .forEach(offsets -> assertThat(offsets).as("in order within a partition").isSorted());
    }

    /** Payments 0-3 of {@code topic} as written by the registry serializer, except that 2 is not Avro at all. */
    private static void writePoisonedPayments(String topic) {
        Serializer<Payment> avro = serializer();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            values.add(avro.serializeAsync("poisoned-payments", new ArrayList<>(), payment(i)).block(WAIT));
        }
        values.set(2, new byte[] {7, 0}); // not the registry wire format
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            records.add(ProducerRecord.of(topic, "k-" + i, values.get(i)));
        }
        produce(Serdes.byteArray().serializer(), records);
    }

    @Test
    void aRecordThatCannotBeDeserializedEndsTheStreamNamingItsOffset() {
        writePoisonedPayments("poisoned-payments");

        TributaryConsumer<String, Payment> consumer = TributaryConsumer.create(consumerOptions(freshDeserializer(),
            new TopicPartition("poisoned-payments", 0)));
        List<Long> emitted = new CopyOnWriteArrayList<>();
        StepVerifier.create(consumer.receive().doOnNext(r -> emitted.add(r.offset())))
            // The records before the bad one are emitted, then the error ends the stream.
            .thenConsumeWhile(r -> r.offset() < 2 && r.value().id().equals("p-" + r.offset()))
            .expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(TributaryException.class)
                .hasMessageContaining("offset 2 of poisoned-payments-0")
                .hasCauseInstanceOf(SerializationException.class))
            .verify(WAIT);
        assertThat(emitted).containsExactly(0L, 1L);
    }

    @Test
    void withADeadLetterHandlerTheBadRecordGoesToTheDeadLetterTopicAndTheRestIsRead() {
        writePoisonedPayments("dead-lettered-payments");
        TributaryProducer<byte[], byte[]> dlt = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(BROKER.bootstrapServers()), Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer()));
        try {
            TributaryConsumer<String, Payment> consumer = TributaryConsumer.create(consumerOptions(freshDeserializer(),
                    new TopicPartition("dead-lettered-payments", 0))
                .deadLetterHandler(DeadLetterHandler.toTopic(dlt, "payments.DLT")));
            assertThat(consumer.receive().take(3).map(r -> r.value().id()).collectList().block(WAIT))
                .containsExactly("p-0", "p-1", "p-3");
            consumer.close().block(WAIT);
        } finally {
            dlt.closeNow();
        }
        ReceivedRecord<String, byte[]> letter = TributaryConsumer.create(ConsumerOptions.create(
                    ClientOptions.create(BROKER.bootstrapServers()), Serdes.string().deserializer(),
                    Serdes.byteArray().deserializer())
                .offsetReset(OffsetReset.EARLIEST)
                .assignment(List.of(new TopicPartition("payments.DLT", 0))))
            .receive().blockFirst(WAIT);
        assertThat(letter.key()).isEqualTo("k-2");
        assertThat(letter.value()).containsExactly(7, 0);
        assertThat(letter.headers()).anySatisfy(h -> {
            assertThat(h.key()).isEqualTo(DeadLetterHandler.EXCEPTION);
            assertThat(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(SerializationException.class.getName());
        });
    }
}
