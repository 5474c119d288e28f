package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.serdes.Serdes;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.testing.TestInputTopic;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

final class GlobalTableTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.string(), Serdes.string());

    /** Orders (order id -> user id) joined with users by the user id in the value. */
    private static StreamsBuilder ordersWithUsers(boolean left) {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> users = b.globalTable("users", STRINGS, Materialized.as("users-store"));
        KStream<String, String> orders = b.stream("orders", STRINGS);
        KStream<String, String> joined = left
            ? orders.leftJoin(users, (orderId, userId) -> userId, (userId, user) -> userId + ":" + user)
            : orders.join(users, (orderId, userId) -> userId, (userId, user) -> userId + ":" + user);
        joined.to("out");
        return b;
    }

    @Test
    void innerJoinLooksUpTheMappedKeyAndDropsRecordsWithoutAMatch() {
        try (DriverFixture f = new DriverFixture(ordersWithUsers(false))) {
            f.input("users").pipeInput("u1", "ann", 1);
            f.input("orders").pipeInput("o1", "u1", 10);
            f.input("orders").pipeInput("o2", "u2", 11);
            assertThat(f.output("out").readRecordsToList())
                .extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("o1=u1:ann@10");
        }
    }

    @Test
    void leftJoinEmitsRecordsWithoutAMatchJoinedWithNull() {
        try (DriverFixture f = new DriverFixture(ordersWithUsers(true))) {
            f.input("users").pipeInput("u1", "ann", 1);
            f.input("orders").pipeInput("o1", "u1", 10);
            f.input("orders").pipeInput("o2", "u2", 11);
            assertThat(f.output("out").readRecordsToList())
                .extracting(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .containsExactly("o1=u1:ann@10", "o2=u2:null@11");
        }
    }

    @Test
    void aLaterGlobalUpdateIsSeenByLaterStreamRecordsOnly() {
        try (DriverFixture f = new DriverFixture(ordersWithUsers(false))) {
            TestInputTopic<String, String> users = f.input("users");
            TestInputTopic<String, String> orders = f.input("orders");
            users.pipeInput("u1", "ann", 1);
            orders.pipeInput("o1", "u1", 10);
            users.pipeInput("u1", "bob", 5);   // an older timestamp still updates: the topic is the truth
            orders.pipeInput("o2", "u1", 11);
            users.pipeInput("u2", "cy", 20);
            orders.pipeInput("o3", "u2", 12);
            assertThat(f.output("out").readValuesToList()).containsExactly("u1:ann", "u1:bob", "u2:cy");
        }
    }

    @Test
    void aTombstoneDeletesFromTheGlobalStore() {
        try (DriverFixture f = new DriverFixture(ordersWithUsers(true))) {
            f.input("users").pipeInput("u1", "ann", 1);
            f.input("orders").pipeInput("o1", "u1", 10);
            f.input("users").pipeInput("u1", null, 11);
            f.input("orders").pipeInput("o2", "u1", 12);
            assertThat(f.output("out").readValuesToList()).containsExactly("u1:ann", "u1:null");
            KeyValueStore<String, String> store = f.driver.getKeyValueStore("users-store");
            assertThat(store.get("u1")).isNull();
        }
    }

    @Test
    void theInnerJoinDropsNullMappedKeysWhichTheLeftJoinJoinsWithNull() {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> users = b.globalTable("users");
        KStream<String, String> orders = b.stream("orders");
        BiFunction<String, String, String> userOf = (orderId, userId) -> userId.isEmpty() ? null : userId;
        orders.join(users, userOf, (userId, user) -> userId + ":" + user).to("inner");
        orders.leftJoin(users, userOf, (userId, user) -> userId + ":" + user).to("left");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("users").pipeInput("u1", "ann", 1);
            f.input("orders").pipeInput("o1", null, 10);   // null value: dropped by both
            f.input("orders").pipeInput("o2", "", 11);     // null mapped key: joined with null by the left join
            f.input("orders").pipeInput(null, "u1", 12);   // null key: only the mapped key matters
            f.input("orders").pipeInput(null, "u9", 13);
            assertThat(f.output("inner").readKeyValuesToList()).containsExactly(KeyValue.pair(null, "u1:ann"));
            assertThat(f.output("left").readKeyValuesToList()).containsExactly(KeyValue.pair("o2", ":null"),
                KeyValue.pair(null, "u1:ann"), KeyValue.pair(null, "u9:null"));
        }
    }

    @Test
    void theGlobalStoreHoldsTheTopicAndNeedsNoCoPartitioningOrName() {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> users = b.globalTable("users");
        assertThat(users.queryableStoreName()).isEqualTo("users-table");
        b.<String, String>stream("orders").selectKey((k, v) -> v)
            .join(users, (k, v) -> k, (v, u) -> u)
            .to("out");
        Topology topology = b.build();   // no name needed: the join is stateless, its store is named
        assertThat(topology.describe().toString()).doesNotContain("repartition");
        try (DriverFixture f = new DriverFixture(topology)) {
            f.input("users").pipeInput("u1", "ann");
            f.input("users").pipeInput("u2", "bob");
            f.input("orders").pipeInput("o1", "u2");
            assertThat(f.output("out").readValuesToList()).containsExactly("bob");
            KeyValueStore<String, String> store = f.driver.getKeyValueStore("users-table");
            assertThat(store.all()).containsExactly(KeyValue.pair("u1", "ann"), KeyValue.pair("u2", "bob"));
        }
    }

    @Test
    void aTopicReadByAGlobalTableCannotBeReadAgain() {
        StreamsBuilder b = new StreamsBuilder();
        b.globalTable("users");
        assertThatThrownBy(() -> b.stream("users")).isInstanceOf(TopologyException.class)
            .hasMessageContaining("users");
        assertThatThrownBy(() -> b.globalTable("users", Materialized.as("other")))
            .isInstanceOf(TopologyException.class);
    }

    @Test
    void processorsMayReadTheGlobalStoreButNotWriteIt() {
        StreamsBuilder b = new StreamsBuilder();
        b.globalTable("users", Materialized.as("users-store"));
        b.<String, String>stream("orders").process(() -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;
            private KeyValueStore<String, String> users;

            @Override
            public void init(ProcessorContext<String, String> c) {
                context = c;
                users = c.getStateStore("users-store");
            }

            @Override
            public void process(Record<String, String> r) {
                String user = users.get(r.value());
                boolean writable = true;
                try {
                    users.put(r.value(), "changed");
                } catch (UnsupportedOperationException e) {
                    writable = false;
                }
                context.forward(r.withValue(user + " writable=" + writable));
            }
        }, "users-store").to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("users").pipeInput("u1", "ann");
            f.input("orders").pipeInput("o1", "u1");
            assertThat(f.output("out").readValuesToList()).containsExactly("ann writable=false");
            assertThat(f.driver.<String, String>getKeyValueStore("users-store").get("u1")).isEqualTo("ann");
        }
    }
}
