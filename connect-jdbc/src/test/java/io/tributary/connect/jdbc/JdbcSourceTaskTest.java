package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.sourceTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.source.SourceRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

final class JdbcSourceTaskTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private void createItems() {
        POSTGRES.execute("CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL,"
            + " updated_at TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))");
    }

    private void insertItems(String... names) {
        for (String name : names) {
            POSTGRES.execute("INSERT INTO items (name) VALUES ('" + name + "')");
        }
    }

    private static int id(SourceRecord record) {
        return ((Struct) record.value()).getInt32("id");
    }

    private static String name(SourceRecord record) {
        return ((Struct) record.value()).getString("name");
    }

    @Test
    void bulkModeRereadsTheWholeTableEveryPoll() {
        createItems();
        insertItems("a", "b", "c");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "bulk"));

        List<SourceRecord> records = task.records().take(6).collectList().block(TIMEOUT);

        assertThat(records).extracting(JdbcSourceTaskTest::name).containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("db-items");
            assertThat(r.sourcePartition()).isEqualTo(Map.of("table", "items"));
            assertThat(r.sourceOffset()).isEmpty();
            assertThat(r.valueSchema().name()).isEqualTo("items");
        });
    }

    @Test
    void incrementingModeReadsRowsInIdOrderAndPicksUpNewOnes() {
        createItems();
        insertItems("a", "b", "c");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "incrementing",
            "incrementing.column.name", "id"));

        StepVerifier.create(task.records())
                    .assertNext(r -> assertThat(r.sourceOffset()).isEqualTo(Map.of("incrementing", 1L)))
                    .expectNextCount(2)
                    .then(() -> insertItems("d", "e"))
                    .assertNext(r -> assertThat(id(r)).isEqualTo(4))
                    .assertNext(r -> assertThat(r.sourceOffset()).isEqualTo(Map.of("incrementing", 5L)))
                    .expectNoEvent(Duration.ofMillis(400))   // several empty polls: nothing read twice
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void incrementingModeResumesAfterTheCommittedOffsetWithoutDuplicates() {
        createItems();
        insertItems("a", "b", "c", "d", "e");
        Map<Map<String, ?>, Map<String, Object>> committed = Map.of(Map.of("table", "items"),
            Map.of("incrementing", 3));   // the store may give back an Integer
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "incrementing",
            "incrementing.column.name", "id"), committed);

        StepVerifier.create(task.records())
                    .assertNext(r -> assertThat(id(r)).isEqualTo(4))
                    .assertNext(r -> assertThat(id(r)).isEqualTo(5))
                    .then(() -> insertItems("f"))
                    .assertNext(r -> assertThat(id(r)).isEqualTo(6))
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void aNewSubscriptionContinuesAfterTheLastEmittedRecord() {
        createItems();
        insertItems("a", "b", "c", "d");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "incrementing",
            "incrementing.column.name", "id", "batch.max.rows", "3"));

        List<SourceRecord> first = task.records().take(2).collectList().block(TIMEOUT);
        List<SourceRecord> second = task.records().take(2).collectList().block(TIMEOUT);

        assertThat(first).extracting(JdbcSourceTaskTest::id).containsExactly(1, 2);
        assertThat(second).extracting(JdbcSourceTaskTest::id).containsExactly(3, 4);
    }

    @Test
    void timestampModeReadsNewAndUpdatedRowsWithFullPrecisionOffsets() {
        createItems();
        POSTGRES.execute("INSERT INTO items (name, updated_at) VALUES ('a', '2024-01-01 00:00:01.123456'),"
            + " ('b', '2024-01-01 00:00:02')");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "timestamp",
            "timestamp.column.name", "updated_at"));
        long millis = Instant.parse("2024-01-01T00:00:01.123Z").toEpochMilli();

        StepVerifier.create(task.records())
                    .assertNext(r -> {
                        assertThat(name(r)).isEqualTo("a");
                        assertThat(r.sourceOffset()).isEqualTo(Map.of("timestamp", millis,
                            "timestamp_nanos", 123_456_000L));
                    })
                    .assertNext(r -> assertThat(name(r)).isEqualTo("b"))
                    .then(() -> POSTGRES.execute("UPDATE items SET name = 'a2', updated_at = now() AT TIME ZONE"
                        + " 'utc' WHERE name = 'a'"))
                    .assertNext(r -> {
                        assertThat(name(r)).isEqualTo("a2");
                        assertThat(id(r)).isEqualTo(1);
                    })
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void timestampModeResumesAfterTheCommittedTimestamp() {
        createItems();
        POSTGRES.execute("INSERT INTO items (name, updated_at) VALUES ('a', '2024-01-01 00:00:01.000001'),"
            + " ('b', '2024-01-01 00:00:01.000002'), ('c', '2024-01-01 00:00:03')");
        long millis = Instant.parse("2024-01-01T00:00:01Z").toEpochMilli();
        Map<Map<String, ?>, Map<String, Object>> committed = Map.of(Map.of("table", "items"),
            Map.of("timestamp", millis, "timestamp_nanos", 1_000L));
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "timestamp",
            "timestamp.column.name", "updated_at"), committed);

        List<SourceRecord> records = task.records().take(2).collectList().block(TIMEOUT);

        assertThat(records).extracting(JdbcSourceTaskTest::name).containsExactly("b", "c");
    }

    @Test
    void timestampIncrementingModeReadsRowsSharingTheCommittedTimestamp() {
        createItems();
        POSTGRES.execute("INSERT INTO items (name, updated_at) VALUES ('a', '2024-01-01 00:00:01'),"
            + " ('b', '2024-01-01 00:00:01'), ('c', '2024-01-01 00:00:01'), ('d', '2024-01-01 00:00:02')");
        long millis = Instant.parse("2024-01-01T00:00:01Z").toEpochMilli();
        Map<Map<String, ?>, Map<String, Object>> committed = Map.of(Map.of("table", "items"),
            Map.of("timestamp", millis, "timestamp_nanos", 0L, "incrementing", 2L));
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "timestamp+incrementing",
            "timestamp.column.name", "updated_at", "incrementing.column.name", "id"), committed);

        StepVerifier.create(task.records())
                    .assertNext(r -> {
                        assertThat(name(r)).isEqualTo("c");
                        assertThat(r.sourceOffset()).isEqualTo(Map.of("timestamp", millis, "timestamp_nanos", 0L,
                            "incrementing", 3L));
                    })
                    .assertNext(r -> assertThat(name(r)).isEqualTo("d"))
                    .then(() -> POSTGRES.execute("UPDATE items SET name = 'b2', updated_at = now() AT TIME ZONE"
                        + " 'utc' WHERE name = 'b'"))
                    .then(() -> insertItems("e"))
                    .assertNext(r -> assertThat(name(r)).isEqualTo("b2"))
                    .assertNext(r -> assertThat(name(r)).isEqualTo("e"))
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void timestampDelayHoldsBackRowsUntilTheyAreOldEnough() {
        POSTGRES.execute("CREATE TABLE events (id SERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL)",
            "INSERT INTO events (at) VALUES (now() - interval '1 hour'), (now())");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "events", "mode", "timestamp",
            "timestamp.column.name", "at", "timestamp.delay.interval.ms", "60000"));

        StepVerifier.create(task.records())
                    .assertNext(r -> assertThat(((Struct) r.value()).getInt32("id")).isEqualTo(1))
                    .expectNoEvent(Duration.ofMillis(500))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void customQueryIsFilteredByTheModeAndGoesToThePrefixTopic() {
        POSTGRES.execute("CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_id INT NOT NULL, amount INT NOT NULL)",
            "INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')",
            "INSERT INTO orders (customer_id, amount) VALUES (1, 5), (2, 50), (1, 70)");
        String query = "SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.amount > 10";
        JdbcSourceTask task = Tasks.source(Tasks.props("connection.url", POSTGRES.url(), "connection.user",
            "postgres", "mode", "incrementing", "incrementing.column.name", "id", "query", query, "topic.prefix",
            "big-orders", "poll.interval.ms", "100"));

        StepVerifier.create(task.records())
                    .assertNext(r -> {
                        assertThat(r.topic()).isEqualTo("big-orders");
                        assertThat(r.sourcePartition()).isEqualTo(Map.of("query", "query"));
                        assertThat(r.valueSchema().name()).isNull();
                        assertThat(((Struct) r.value()).getString("name")).isEqualTo("bob");
                        assertThat(r.sourceOffset()).isEqualTo(Map.of("incrementing", 2L));
                    })
                    .assertNext(r -> assertThat(((Struct) r.value()).getInt32("amount")).isEqualTo(70))
                    .then(() -> POSTGRES.execute("INSERT INTO orders (customer_id, amount) VALUES (2, 1), (2, 99)"))
                    .assertNext(r -> assertThat(((Struct) r.value()).getInt32("amount")).isEqualTo(99))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void oneTaskReadsAllItsTablesInTurn() {
        POSTGRES.execute("CREATE TABLE a (id SERIAL PRIMARY KEY)", "CREATE TABLE b (id SERIAL PRIMARY KEY)",
            "INSERT INTO a SELECT FROM generate_series(1, 5)", "INSERT INTO b SELECT FROM generate_series(1, 5)");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "a,\"public\".\"b\"", "mode", "incrementing",
            "incrementing.column.name", "id", "batch.max.rows", "2"));

        List<SourceRecord> records = task.records().take(10).collectList().block(TIMEOUT);

        assertThat(records).filteredOn(r -> r.topic().equals("db-a")).extracting(JdbcSourceTaskTest::id)
                           .containsExactly(1, 2, 3, 4, 5);
        assertThat(records).filteredOn(r -> r.topic().equals("db-b")).extracting(JdbcSourceTaskTest::id)
                           .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void readsNoMoreThanRequested() {
        createItems();
        insertItems("a", "b", "c", "d", "e");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "incrementing",
            "incrementing.column.name", "id", "batch.max.rows", "2"));

        StepVerifier.create(task.records(), 0)
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenRequest(1)
                    .assertNext(r -> assertThat(id(r)).isEqualTo(1))
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenRequest(3)
                    .expectNextCount(3)
                    .expectNoEvent(Duration.ofMillis(300))
                    .thenRequest(10)
                    .assertNext(r -> assertThat(id(r)).isEqualTo(5))
                    .thenCancel()
                    .verify(TIMEOUT);
    }

    @Test
    void cancellingClosesTheConnection() {
        createItems();
        insertItems("a");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "items", "mode", "incrementing",
            "incrementing.column.name", "id"));
        List<SourceRecord> received = new ArrayList<>();

        Disposable subscription = task.records().subscribe(received::add);
        await().atMost(TIMEOUT).until(() -> received.size() == 1);
        assertThat(taskConnections()).isEqualTo(1);
        subscription.dispose();

        await().atMost(TIMEOUT).until(() -> taskConnections() == 0);
    }

    private long taskConnections() {
        return (Long) POSTGRES.single("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND pid <> pg_backend_pid()");
    }

    @Test
    void aMissingTableFailsTheTaskWithoutRetry() {
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "nowhere", "mode", "bulk"));

        StepVerifier.create(task.records())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConnectException.class)
                                                            .isNotInstanceOf(RetriableConnectException.class)
                                                            .hasMessageContaining("nowhere"))
                    .verify(TIMEOUT);
    }

    @Test
    void anUnreachableDatabaseIsRetriable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();   // nothing listens there once the socket is closed
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/none";
        JdbcSourceTask task = Tasks.source(sourceTask(url, "items", "mode", "bulk"));

        StepVerifier.create(task.records())
                    .expectError(RetriableConnectException.class)
                    .verify(TIMEOUT);
    }
}
