package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.streams.testing.TestInputTopic;
import org.junit.jupiter.api.Test;

final class JoinTest {
    @Test
    void streamTableInnerJoinUsesTheTablesCurrentValueAndDropsUnmatched() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> users = b.table("users");
        b.<String, String>stream("clicks").join(users, (click, user) -> click + " by " + user).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> clicks = f.input("clicks");
            TestInputTopic<String, String> usersIn = f.input("users");
            clicks.pipeInput("u1", "c0", 1);
            usersIn.pipeInput("u1", "ann", 2);
            clicks.pipeInput("u1", "c1", 3);
            usersIn.pipeInput("u1", "bob", 4);
            clicks.pipeInput("u1", "c2", 5);
            usersIn.pipeInput("u1", null, 6);
            clicks.pipeInput("u1", "c3", 7);
            var out = f.output("out").readRecordsToList();
            assertThat(out).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("c1 by ann@3", "c2 by bob@5");
        }
    }

    @Test
    void streamTableLeftJoinJoinsUnmatchedRecordsWithNull() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> users = b.table("users");
        b.<String, String>stream("clicks").leftJoin(users, (click, user) -> click + " by " + user).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("clicks").pipeInput("u1", "c0");
            f.input("users").pipeInput("u1", "ann");
            f.input("clicks").pipeInput("u1", "c1");
            assertThat(f.output("out").readValuesToList()).containsExactly("c0 by null", "c1 by ann");
        }
    }

    @Test
    void aRekeyedStreamIsRepartitionedBeforeJoiningATable() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> users = b.table("users");
        b.<String, String>stream("clicks")
            .selectKey((k, v) -> v)
            .join(users, (click, user) -> user, Joined.as("clicks-by-user"))
            .to("out");
        Topology topology = b.build();
        assertThat(topology.describe().toString()).contains("(topic: clicks-by-user-repartition)");
        try (DriverFixture f = new DriverFixture(topology)) {
            f.input("users").pipeInput("u1", "ann");
            f.input("clicks").pipeInput("x", "u1");
            assertThat(f.output("out").readKeyValue()).isEqualTo(KeyValue.pair("u1", "ann"));
        }
    }

    @Test
    void tableTableJoinsEmitOnUpdatesFromEitherSideWithTheLargerTimestamp() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> left = b.table("left");
        KTable<String, String> right = b.table("right");
        left.join(right, (l, r) -> l + "+" + r).toStream().to("inner");
        left.leftJoin(right, (l, r) -> l + "+" + r).toStream().to("left-join");
        left.outerJoin(right, (l, r) -> l + "+" + r).toStream().to("outer");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("left").pipeInput("k", "l1", 10);
            f.input("right").pipeInput("k", "r1", 5);
            f.input("right").pipeInput("j", "r2", 7);
            f.input("left").pipeInput("k", null, 20);
            assertThat(f.output("inner").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("l1+r1@10", "null@20");
            assertThat(f.output("left-join").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("l1+null@10", "l1+r1@10", "null@20");
            assertThat(f.output("outer").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("l1+null@10", "l1+r1@10", "null+r2@7", "null+r1@20");
        }
    }

    @Test
    void aMaterializedJoinResultIsQueryable() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> left = b.table("left");
        KTable<String, String> right = b.table("right");
        left.join(right, (l, r) -> l + r, Materialized.as("joined"));
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("left").pipeInput("k", "a");
            f.input("right").pipeInput("k", "b");
            assertThat(f.driver.<String, String>getKeyValueStore("joined").get("k")).isEqualTo("ab");
        }
    }

    @Test
    void tableFilterTurnsNonMatchingUpdatesIntoDeletions() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table("t").filter((k, v) -> v.length() > 1).toStream().to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("t").pipeInput("k", "long");
            f.input("t").pipeInput("k", "s");
            assertThat(f.output("out").readValuesToList()).containsExactly("long", null);
        }
    }

    @Test
    void tableMapValuesKeepsDeletions() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table("t").mapValues(String::toUpperCase, Materialized.as("upper")).toStream().to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("t").pipeInput("k", "a");
            f.input("t").pipeInput("k", null);
            assertThat(f.output("out").readValuesToList()).containsExactly("A", null);
            assertThat(f.driver.<String, String>getKeyValueStore("upper").get("k")).isNull();
        }
    }

    @Test
    void joiningATableThatIsNotMaterializedFailsAtBuild() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> filtered = b.<String, String>table("t").filter((k, v) -> true);
        assertThatThrownBy(() -> b.<String, String>stream("s").join(filtered, (x, y) -> x))
            .isInstanceOf(TopologyException.class)
            .hasMessageContaining("needs a materialized table");
    }

    @Test
    void streamStreamJoinPairsRecordsWithinTheWindowWithTheLargerTimestamp() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> orders = b.stream("orders");
        KStream<String, String> payments = b.stream("payments");
        orders.join(payments, (o, p) -> o + "/" + p, JoinWindows.ofTimeDifferenceWithNoGrace(
            java.time.Duration.ofMillis(10)), StreamJoined.as("paid")).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("orders").pipeInput("k", "o1", 100);
            f.input("payments").pipeInput("k", "p1", 105);   // within 10 ms of o1
            f.input("payments").pipeInput("k", "p2", 120);   // too far from o1
            f.input("orders").pipeInput("k", "o2", 112);     // joins p1 (7 ms) and p2 (8 ms)
            f.input("orders").pipeInput("j", "o3", 112);     // other key
            assertThat(f.output("out").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("o1/p1@105", "o2/p1@112", "o2/p2@120");
            assertThat(f.driver.producedTopicNames()).contains("app-paid-this-join-store-changelog",
                "app-paid-other-join-store-changelog");
        }
    }

    @Test
    void streamStreamLeftJoinEmitsAnUnmatchedRecordOnlyOnceItsWindowAndGraceHavePassed() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> orders = b.stream("orders");
        KStream<String, String> payments = b.stream("payments");
        orders.leftJoin(payments, (o, p) -> o + "/" + p, JoinWindows.ofTimeDifferenceAndGrace(
            java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(5)), StreamJoined.as("paid")).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            TestInputTopic<String, String> in = f.input("orders");
            TestInputTopic<String, String> pay = f.input("payments");
            in.pipeInput("k", "o1", 100);
            in.pipeInput("k", "o2", 103);
            in.pipeInput("j", "o3", 110);
            in.pipeInput("j", "o4", 115);    // o1 could still meet a payment up to 110, arriving until 115
            assertThat(f.output("out").readValuesToList()).isEmpty();
            pay.pipeInput("k", "p1", 113);    // joins o2 (within 10 ms); it never gives o2 a null result
            in.pipeInput("j", "o5", 116);    // stream time 116: o1's window and grace have passed
            assertThat(f.output("out").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("o2/p1@113", "o1/null@100");
            in.pipeInput("j", "o6", 200);    // o3, o4, o5 in timestamp order
            in.pipeInput(null, "o7", 150);   // no key: joined with null at once
            assertThat(f.output("out").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("o3/null@110", "o4/null@115", "o5/null@116", "o7/null@150");
            assertThat(f.driver.producedTopicNames()).contains("app-paid-this-join-store-changelog",
                "app-paid-outer-other-join-store-changelog", "app-paid-left-shared-join-store-changelog");
        }
    }

    @Test
    void streamStreamOuterJoinEmitsUnmatchedRecordsOfBothSides() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        left.outerJoin(right, (l, r) -> l + "+" + r, JoinWindows.ofTimeDifferenceWithNoGrace(
            java.time.Duration.ofMillis(5)), StreamJoined.as("both")).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("left").pipeInput("k", "l1", 10);
            f.input("right").pipeInput("k", "r1", 12);   // joins l1
            f.input("right").pipeInput("k", "r2", 30);   // moves stream time past l1's and r1's windows
            f.input("left").pipeInput("k", "l2", 31);    // joins r2
            f.input("left").pipeInput("k", "l3", 50);
            f.input("right").pipeInput("k", "r3", 60);   // l3 is unmatched; r3 waits
            assertThat(f.output("out").readRecordsToList()).extracting(r -> r.value() + "@" + r.timestamp())
                .containsExactly("l1+r1@12", "l2+r2@31", "l3+null@50");
            f.input("left").pipeInput("j", "l4", 66);
            assertThat(f.output("out").readValuesToList()).containsExactly("null+r3");
        }
    }

    @Test
    void anUnmatchedRecordWhoseWindowHasAlreadyEndedIsJoinedWithNullAtOnce() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left");
        left.leftJoin(b.<String, String>stream("right"), (l, r) -> l + "+" + r,
            JoinWindows.ofTimeDifferenceAndGrace(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(50)),
            StreamJoined.as("late")).to("out");
        try (DriverFixture f = new DriverFixture(b)) {
            f.input("left").pipeInput("k", "l1", 100);
            f.input("left").pipeInput("k", "l2", 20);    // 20 + 5 < 100: as Kafka Streams, not kept for the grace
            assertThat(f.output("out").readValuesToList()).containsExactly("l2+null");
        }
    }
}

