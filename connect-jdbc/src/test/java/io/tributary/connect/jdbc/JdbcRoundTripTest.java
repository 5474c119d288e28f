package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC connectors end to end in standalone workers: a source reads a table ({@code timestamp+incrementing})
 * into a topic through JSON with schemas, a sink upserts the topic by id into a copy, and the copy must equal the
 * table, across updates, a worker restart and a restart of the source database.
 */
final class JdbcRoundTripTest {
    private static final String CREATE_ITEMS = "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL,"
        + " price NUMERIC(10,2), updated TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))";
    /** The table as the copy should hold it: Connect timestamps carry milliseconds. */
    private static final String SOURCE_ROWS = "SELECT id, name, price, date_trunc('milliseconds', updated) AS updated"
        + " FROM items ORDER BY id";
    private static final String COPY_ROWS = "SELECT id, name, price, updated FROM items_copy ORDER BY id";

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("pg-items", 1)
        .topic("restart-items", 1));

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path dir;

    /** Rows {@code from} to {@code to}, ids taken in order from the serial. */
    private static String insert(int from, int to) {
        return "INSERT INTO items (name, price) SELECT 'item-' || n, n * 1.25 FROM generate_series(" + from + ", "
            + to + ") n";
    }

    /** Changes the rows and bumps their timestamp, so that the source reads them again. */
    private static String update(String ids) {
        return "UPDATE items SET name = name || '-v2', price = price + 100, updated = now() AT TIME ZONE 'utc'"
            + " WHERE id IN (" + ids + ")";
    }

    private static Map<String, String> source(String name, String url, String prefix, String... keysAndValues) {
        Map<String, String> config = Workers.source(name, url, "items", prefix, "mode", "timestamp+incrementing",
            "incrementing.column.name", "id", "timestamp.column.name", "updated");
        config.putAll(Tasks.props(keysAndValues));
        return config;
    }

    private static Map<String, String> sink(String name, String topic) {
        return Workers.sink(name, POSTGRES.url(), topic, "table.name.format", "items_copy", "insert.mode", "upsert",
            "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true");
    }

    /** The copy's rows; none before the sink created it. */
    private static List<Map<String, Object>> copy() {
        boolean created = (Boolean) POSTGRES.single("SELECT to_regclass('items_copy') IS NOT NULL");
        return created ? POSTGRES.query(COPY_ROWS) : List.of();
    }

    /** Waits until the copy holds {@code rows} rows equal to the source table's. */
    private static void awaitCopyEqualsSource(Function<String, List<Map<String, Object>>> source, int rows) {
        await().atMost(Workers.WAIT).untilAsserted(() -> {
            List<Map<String, Object>> copied = copy();
            assertThat(copied).as("rows copied").hasSize(rows);
            assertThat(copied).isEqualTo(source.apply(SOURCE_ROWS));
        });
    }

    /** Asserts that the topic holds {@code records} records and no more come for a while (nothing read twice). */
    private static void assertTopicSettlesAt(String topic, long records) {
        await().atMost(Workers.WAIT)
               .during(Duration.ofMillis(500))   // five poll intervals: a row read again would show up
               .untilAsserted(() -> assertThat(Workers.endOffset(BROKER.bootstrapServers(), topic))
                   .as("records in " + topic).isEqualTo(records));
    }

    /** The transaction that last wrote each row of the copy: unchanged if the sink did not write the row again. */
    private static List<Map<String, Object>> copyWrites() {
        return POSTGRES.query("SELECT id, xmin::text AS xmin FROM items_copy ORDER BY id");
    }

    @Test
    void copiesInsertsAndUpdatesAndAfterAWorkerRestartOnlyWhatChangedWhileItWasDown() {
        POSTGRES.execute(CREATE_ITEMS, insert(1, 20));
        Map<String, String> worker = Workers.props(BROKER.bootstrapServers(), dir);
        Map<String, String> source = source("items-source", POSTGRES.url(), "pg-");
        Map<String, String> sink = sink("items-sink", "pg-items");

        ConnectStandalone first = ConnectStandalone.startNow(worker);
        try {
            Workers.create(first, source, sink);
            Workers.awaitRunning(first, "items-source");
            Workers.awaitRunning(first, "items-sink");
            awaitCopyEqualsSource(POSTGRES::query, 20);

            POSTGRES.execute(update("3, 7, 11"), insert(21, 25));
            awaitCopyEqualsSource(POSTGRES::query, 25);
            assertTopicSettlesAt("pg-items", 20 + 3 + 5);
        } finally {
            first.closeNow();
        }
        List<Map<String, Object>> writesBefore = copyWrites();

        POSTGRES.execute(insert(26, 30), update("1"));
        ConnectStandalone second = ConnectStandalone.startNow(worker);   // the same offsets file
        try {
            Workers.create(second, source, sink);
            awaitCopyEqualsSource(POSTGRES::query, 30);
            assertTopicSettlesAt("pg-items", 28 + 5 + 1);
            // The sink resumed after its committed offsets: rows 2 to 25 were not written again.
            assertThat(copyWrites().subList(1, 25)).isEqualTo(writesBefore.subList(1, 25));
            assertThat(copyWrites().get(0)).isNotEqualTo(writesBefore.get(0));
        } finally {
            second.closeNow();
        }
    }

    @Test
    void theRuntimeRetriesTheSourceThroughARestartOfItsDatabaseAndTheCopyEndsEqual() throws InterruptedException {
        try (PostgresServer server = PostgresServer.launch()) {
            server.createDatabase("source");
            server.execute("source", CREATE_ITEMS, insert(1, 2_000));
            Function<String, List<Map<String, Object>>> rows = sql -> server.query("source", sql);
            ConnectStandalone connect = ConnectStandalone.startNow(Workers.props(BROKER.bootstrapServers(), dir));
            try {
                Workers.create(connect, source("restart-source", server.url("source"), "restart-",
                    "batch.max.rows", "20"), sink("restart-sink", "restart-items"));
                await().atMost(Workers.WAIT)
                       .pollInterval(Duration.ofMillis(10))
                       .until(() -> Workers.endOffset(BROKER.bootstrapServers(), "restart-items") >= 200);

                server.stop();   // most likely mid-table: the source's session and cursor die with it
                Thread.sleep(1_000);   // several polls fail meanwhile
                assertThat(Workers.status(connect, "restart-source").tasks())
                    .extracting(ConnectorStatus.TaskState::state)
                    .as("a retriable failure does not fail the task")
                    .containsExactly(ConnectorStatus.Value.RUNNING);
                server.start();
                server.execute("source", insert(2_001, 2_100), update("5, 6, 7, 8, 9, 10, 11, 12, 13, 14"));

                awaitCopyEqualsSource(rows, 2_100);
                assertTopicSettlesAt("restart-items", 2_000 + 100 + 10);
                Workers.awaitRunning(connect, "restart-source");
            } finally {
                connect.closeNow();
            }
        }
    }
}
