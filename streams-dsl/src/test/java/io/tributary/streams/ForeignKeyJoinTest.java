package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.streams.testing.TestInputTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Foreign-key table joins: orders (id → "customer:item") joined with customers (id → name). */
final class ForeignKeyJoinTest {

    private static Topology ordersWithNames(boolean leftJoin) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> customers = b.table("customers", Materialized.as("customers"));
        KTable<String, String> orders = b.table("orders", Materialized.as("orders"));
        KTable<String, String> joined = leftJoin
            ? orders.leftJoin(customers, order -> order.split(":")[0],
                (order, name) -> order.split(":")[1] + " for " + name, Materialized.as("named-orders"))
            : orders.join(customers, order -> order.split(":")[0],
                (order, name) -> order.split(":")[1] + " for " + name, Materialized.as("named-orders"));
        joined.toStream().to("out");
        return b.build();
    }

    @Test
    void rowsFollowTheRightRowTheirForeignKeyNamesThroughUpdatesKeyChangesAndDeletes() {
        try (DriverFixture f = new DriverFixture(ordersWithNames(false))) {
            TestInputTopic<String, String> customers = f.input("customers");
            TestInputTopic<String, String> orders = f.input("orders");
            customers.pipeInput("c1", "ann");
            orders.pipeInput("o1", "c1:book");
            customers.pipeInput("c1", "anna");           // a right update reaches its subscribers
            orders.pipeInput("o1", "c2:pen");             // a new foreign key with no right row: no match
            customers.pipeInput("c1", "x");               // o1 no longer follows c1
            customers.pipeInput("c2", "bob");
            orders.pipeInput("o1", null);                 // a deleted left row deletes its result
            assertThat(f.output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("o1", "book for ann"),
                KeyValue.pair("o1", "book for anna"), KeyValue.pair("o1", null), KeyValue.pair("o1", "pen for bob"),
                KeyValue.pair("o1", null));
            assertThat(f.driver.<String, String>getKeyValueStore("named-orders").get("o1")).isNull();
        }
    }

    @Test
    void aLeftJoinKeepsRowsWithoutARightRowOrForeignKey() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> customers = b.table("customers", Materialized.as("customers"));
        b.<String, String>table("orders", Materialized.as("orders"))
            .leftJoin(customers, order -> order.isEmpty() ? null : order, (order, name) -> order + "/" + name,
                Materialized.as("named-orders"))
            .toStream().to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("orders").pipeInput("o1", "c9");
            f.input("orders").pipeInput("o2", "");
            f.input("customers").pipeInput("c9", "zed");
            assertThat(f.output("out").readKeyValuesToList()).containsExactly(KeyValue.pair("o1", "c9/null"),
                KeyValue.pair("o2", "/null"), KeyValue.pair("o1", "c9/zed"));
        }
    }

    @Test
    void manyLeftRowsFollowOneRightRow() {
        try (DriverFixture f = new DriverFixture(ordersWithNames(true))) {
            for (int i = 0; i < 5; i++) {
                f.input("orders").pipeInput("o" + i, "c1:item" + i);
            }
            f.output("out").readKeyValuesToList();
            f.input("customers").pipeInput("c1", "ann");
            List<KeyValue<String, String>> out = f.output("out").readKeyValuesToList();
            assertThat(out).hasSize(5).allSatisfy(kv -> assertThat(kv.value()).endsWith(" for ann"));
        }
    }

    @Test
    void theInternalTopicsAndStoreAreNamedAfterTheJoinAndTheTablesMustBeMaterialized() {
        assertThat(ordersWithNames(false).describe().toString())
            .contains("named-orders-subscription-registration", "named-orders-subscription-response",
                "named-orders-subscription-store");
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> customers = b.table("customers", Materialized.as("customers"));
        KTable<String, String> unmaterialized = b.<String, String>table("orders").mapValues(v -> v);
        assertThatThrownBy(() -> unmaterialized.join(customers, v -> v, (v, n) -> v, Materialized.as("j")))
            .isInstanceOf(TopologyException.class).hasMessageContaining("materialized");
    }
}
