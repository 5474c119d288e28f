package io.tributary.samples.avro;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.serdes.avro.AvroSerdes;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import reactor.core.publisher.Flux;

/**
 * An Avro pipeline with the schema registry: orders written as Avro records (the serializer registers the schema
 * under {@code orders-value} and writes its id before each payload), read back by a consumer group whose
 * deserializer fetches the schema by id, once, without blocking; prints the total per currency. Runs an embedded
 * broker with its built-in registry, or uses {@code --bootstrap-server host:port --registry http://host:port}.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.avro.AvroPipelineSample
 * </pre>
 */
public final class AvroPipelineSample {
    static final Schema ORDER = new Schema.Parser().parse("""
        {"type": "record", "name": "Order", "namespace": "io.tributary.samples",
         "fields": [{"name": "id", "type": "string"},
                    {"name": "amount", "type": "double"},
                    {"name": "currency", "type": "string", "default": "EUR"}]}
        """);
    private static final int ORDERS = 90;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private AvroPipelineSample() {
    }

    public static void main(String[] args) {
        if (args.length == 4 && args[0].equals("--bootstrap-server") && args[2].equals("--registry")) {
            run(args[1], args[3], "orders").forEach(System.out::println);
            return;
        }
        if (args.length != 0) {
            throw new IllegalArgumentException("Usage: [--bootstrap-server host:port --registry http://host:port]");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create(BrokerConfig.defaults()
                .set("schema.registry.listeners", "http://127.0.0.1:0")).start()) {
            broker.createTopic("orders", 3);
            run(broker.bootstrapServers(), broker.schemaRegistryUrl(), "orders").forEach(System.out::println);
        }
    }

    /** Writes the orders as Avro through the registry, reads them back and returns the totals per currency. */
    static List<String> run(String bootstrapServers, String registryUrl, String topic) {
        ClientOptions client = ClientOptions.create(bootstrapServers);
        Serde<GenericRecord> avro = AvroSerdes.generic(SchemaRegistryClient.create(registryUrl),
            RegistrySerdeOptions.forValues());

        TributaryProducer<String, GenericRecord> producer = TributaryProducer.create(ProducerOptions.create(client,
            Serdes.string().serializer(), avro.serializer()));
        producer.send(Flux.range(0, ORDERS).map(i -> ProducerRecord.of(topic, "order-" + i, order(i)).correlate(i)))
            .then(producer.close())
            .block(WAIT);

        TributaryConsumer<String, GenericRecord> consumer = TributaryConsumer.create(ConsumerOptions
            .create(client, Serdes.string().deserializer(), avro.deserializer())
            .groupId("order-totals")
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST));
        Map<String, Double> totals = new TreeMap<>();
        consumer.receive()
            .take(ORDERS)
            .doOnNext(r -> {
                totals.merge(r.value().get("currency").toString(), (Double) r.value().get("amount"), Double::sum);
                r.acknowledge();
            })
            .then(consumer.close())
            .block(WAIT);
        return totals.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    private static GenericRecord order(int i) {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("id", "order-" + i);
        order.put("amount", 1.5 * (i % 10));
        order.put("currency", i % 3 == 0 ? "USD" : "EUR");
        return order;
    }
}
