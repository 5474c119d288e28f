package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.sinkTask;
import static io.tributary.connect.jdbc.Tasks.sourceTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/** Stops the database under running tasks; a server of its own, so the other tests' server stays up. */
final class DatabaseRestartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Schema VALUE = SchemaBuilder.struct()
                                                     .field("id", Schema.INT32_SCHEMA)
                                                     .field("name", Schema.STRING_SCHEMA)
                                                     .build();
    private static PostgresServer server;

    @BeforeAll
    static void launch() {
        server = PostgresServer.launch();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    private static String database(String name) {
        server.createDatabase(name);
        return server.url(name);
    }

    private static void execute(String database, String... sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static int id(SourceRecord record) {
        return ((Struct) record.value()).getInt32("id");
    }

    @Test
    void theSourceFailsRetriablyAndContinuesAfterARestartWithoutLossOrDuplicates() throws SQLException {
        String url = database("source");
        execute("source", "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL)",
            "INSERT INTO items (name) SELECT 'item' || n FROM generate_series(1, 50) n");
        JdbcSourceTask task = Tasks.source(sourceTask(url, "items", "mode", "incrementing",
            "incrementing.column.name", "id", "batch.max.rows", "5"));
        List<Integer> ids = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BaseSubscriber<SourceRecord> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(12);
            }

            @Override
            protected void hookOnNext(SourceRecord record) {
                ids.add(id(record));
            }

            @Override
            protected void hookOnError(Throwable error) {
                failure.set(error);
            }
        };
        task.records().subscribe(subscriber);
        await().atMost(TIMEOUT).until(() -> ids.size() == 12);

        server.stop();   // mid-pass: the task's cursor on items is open
        subscriber.request(1000);

        await().atMost(TIMEOUT).until(() -> failure.get() != null);
        assertThat(failure.get()).isInstanceOf(RetriableConnectException.class);
        StepVerifier.create(task.records())   // while the database is down, subscribing fails the same way
                    .expectError(RetriableConnectException.class)
                    .verify(TIMEOUT);

        server.start();
        execute("source", "INSERT INTO items (name) SELECT 'item' || n FROM generate_series(51, 55) n");
        task.records().take(55 - ids.size()).doOnNext(r -> ids.add(id(r))).blockLast(TIMEOUT);

        assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 55).boxed().toList());
    }

    @Test
    void theSinkFailsRetriablyWhileTheDatabaseIsDownAndWritesOnceItIsBack() throws SQLException {
        String url = database("sink");
        JdbcSinkTask task = Tasks.sink(sinkTask(url, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
            "record_value", "pk.fields", "id"));
        task.put(List.of(record(1, "a"))).block(TIMEOUT);

        server.stop();
        assertThatThrownBy(() -> task.put(List.of(record(2, "b"))).block(TIMEOUT))
            .isInstanceOf(RetriableConnectException.class);
        assertThatThrownBy(() -> task.put(List.of(record(2, "b"))).block(TIMEOUT))
            .as("reconnecting to a stopped database")
            .isInstanceOf(RetriableConnectException.class);
        server.start();
        task.put(List.of(record(2, "b"))).block(TIMEOUT);

        assertThat(count("sink")).isEqualTo(2);
    }

    @Test
    void theSinkRetriesWithinMaxRetriesUntilTheDatabaseIsBack() throws Exception {
        String url = database("sink_retries");
        JdbcSinkTask task = Tasks.sink(sinkTask(url, "auto.create", "true", "max.retries", "100",
            "retry.backoff.ms", "100"));
        task.put(List.of(record(1, "a"))).block(TIMEOUT);

        server.stop();
        CompletableFuture<Void> put = task.put(List.of(record(2, "b"), record(3, "c"))).toFuture();
        Thread.sleep(500);
        assertThat(put).isNotDone();
        server.start();

        put.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(count("sink_retries")).isEqualTo(3);
    }

    private static SinkRecord record(int id, String name) {
        return new SinkRecord("items", 0, null, null, VALUE, new Struct(VALUE).put("id", id).put("name", name), id,
            null, List.of());
    }

    private static long count(String database) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM items")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
