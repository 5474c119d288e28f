package io.tributary.samples.streams;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.producer.ProducerRecord;
import io.tributary.samples.SampleArgs;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Consumed;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.Produced;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.util.List;
import java.util.UUID;

/**
 * A stream-table join: each order (keyed by customer id) is enriched with the customer's name from a table built
 * from the customers topic, and written to an output topic. Both input topics have the same number of partitions
 * (co-partitioned), so an order meets its customer in the same task. Prints the enriched orders.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.streams.StreamTableJoinSample
 * </pre>
 */
public final class StreamTableJoinSample {
    private static final List<String[]> CUSTOMERS = List.of(
        new String[] {"c1", "Ada"}, new String[] {"c2", "Grace"}, new String[] {"c3", "Linus"});
    private static final List<String[]> ORDERS = List.of(
        new String[] {"c2", "3 books"}, new String[] {"c1", "1 laptop"}, new String[] {"c9", "a ghost order"},
        new String[] {"c3", "2 keyboards"}, new String[] {"c2", "1 lamp"});

    private StreamTableJoinSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        String suffix = bootstrap == null ? "" : "-" + UUID.randomUUID();
        if (bootstrap != null) {
            run(bootstrap, "customers" + suffix, "orders" + suffix, "enriched-orders" + suffix)
                .forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("customers", 2).createTopic("orders", 2).createTopic("enriched-orders", 2);
            run(broker.bootstrapServers(), "customers", "orders", "enriched-orders").forEach(System.out::println);
        }
    }

    static List<String> run(String bootstrapServers, String customers, String orders, String enriched) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> names = builder.table(customers, Consumed.with(Serdes.string(), Serdes.string()),
            Materialized.as("customer-names"));
        builder.stream(orders, Consumed.with(Serdes.string(), Serdes.string()))
            .join(names, (order, name) -> name + " ordered " + order)   // inner: an unknown customer's order is dropped
            .to(enriched, Produced.with(Serdes.string(), Serdes.string()));
        TributaryStreams streams = TributaryStreams.create(builder.build(),
            StreamsOptions.create("orders-" + UUID.randomUUID(), bootstrapServers));
        streams.start().block(SampleData.WAIT);
        try {
            SampleData.write(bootstrapServers, CUSTOMERS.stream()
                .map(c -> ProducerRecord.of(customers, c[0], c[1])).toList());
            // The table is ready once every customer is in it (an interactive query); then the orders come.
            ReadOnlyKeyValueStore<String, String> table = streams.store("customer-names");
            SampleData.await(() -> table.approximateNumEntries() == CUSTOMERS.size());
            SampleData.write(bootstrapServers, ORDERS.stream()
                .map(o -> ProducerRecord.of(orders, o[0], o[1])).toList());
            return SampleData.read(bootstrapServers, enriched, ORDERS.size() - 1, Serdes.string().deserializer())
                .stream().sorted().toList();
        } finally {
            streams.close().block(SampleData.WAIT);
        }
    }
}
