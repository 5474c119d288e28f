package io.tributary.samples.streams;

import io.tributary.broker.EmbeddedBroker;
import io.tributary.producer.ProducerRecord;
import io.tributary.samples.SampleArgs;
import io.tributary.serdes.Serdes;
import io.tributary.streams.Consumed;
import io.tributary.streams.KTable;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Materialized;
import io.tributary.streams.StreamsBuilder;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.TributaryStreams;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import java.util.List;
import java.util.UUID;

/**
 * A foreign-key table join: orders, keyed by order id, name their customer in their value ({@code customer|item});
 * each is joined with that customer's row of the customers table. The two topics have different partition counts:
 * a foreign-key join needs no co-partitioning. A renamed customer reaches every order that names it. Prints the
 * joined table, read with an interactive query.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=io.tributary.samples.streams.ForeignKeyJoinSample
 * </pre>
 */
public final class ForeignKeyJoinSample {
    private static final List<String[]> CUSTOMERS = List.of(
        new String[] {"c1", "Ada"}, new String[] {"c2", "Grace"}, new String[] {"c3", "Linus"});
    private static final List<String[]> ORDERS = List.of(
        new String[] {"o1", "c2|3 books"}, new String[] {"o2", "c1|1 laptop"}, new String[] {"o3", "c9|a ghost order"},
        new String[] {"o4", "c3|2 keyboards"}, new String[] {"o5", "c2|1 lamp"});

    private ForeignKeyJoinSample() {
    }

    public static void main(String[] args) {
        String bootstrap = SampleArgs.bootstrapServer(args);
        String suffix = bootstrap == null ? "" : "-" + UUID.randomUUID();
        if (bootstrap != null) {
            run(bootstrap, "customers" + suffix, "orders" + suffix).forEach(System.out::println);
            return;
        }
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            broker.createTopic("customers", 3).createTopic("orders", 2);
            run(broker.bootstrapServers(), "customers", "orders").forEach(System.out::println);
        }
    }

    static List<String> run(String bootstrapServers, String customers, String orders) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> names = builder.table(customers, Consumed.with(Serdes.string(), Serdes.string()),
            Materialized.as("customer-names"));
        builder.table(orders, Consumed.with(Serdes.string(), Serdes.string()), Materialized.as("orders"))
            // Inner: an order whose customer is unknown has no row in the result.
            .join(names, order -> order.split("\\|")[0], (order, name) -> name + ": " + order.split("\\|")[1],
                Materialized.as("orders-with-names"));
        TributaryStreams streams = TributaryStreams.create(builder.build(),
            StreamsOptions.create("fk-orders-" + UUID.randomUUID(), bootstrapServers)
                .defaultKeySerde(Serdes.string()).defaultValueSerde(Serdes.string()));
        streams.start().block(SampleData.WAIT);
        try {
            SampleData.write(bootstrapServers, CUSTOMERS.stream()
                .map(c -> ProducerRecord.of(customers, c[0], c[1])).toList());
            SampleData.write(bootstrapServers, ORDERS.stream()
                .map(o -> ProducerRecord.of(orders, o[0], o[1])).toList());
            ReadOnlyKeyValueStore<String, String> joined = streams.store("orders-with-names");
            SampleData.await(() -> joined.approximateNumEntries() == ORDERS.size() - 1);
            // Grace changes her name: both of her orders follow.
            SampleData.write(bootstrapServers, List.of(ProducerRecord.of(customers, "c2", "Grace H.")));
            SampleData.await(() -> "Grace H.: 3 books".equals(joined.get("o1"))
                && "Grace H.: 1 lamp".equals(joined.get("o5")));
            return joined.all().stream().map(ForeignKeyJoinSample::line).sorted().toList();
        } finally {
            streams.close().block(SampleData.WAIT);
        }
    }

    private static String line(KeyValue<String, String> kv) {
        return kv.key() + " " + kv.value();
    }
}
