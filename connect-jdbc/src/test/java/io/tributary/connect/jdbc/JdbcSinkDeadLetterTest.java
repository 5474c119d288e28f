package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC sink in a standalone worker given records it cannot write: with {@code errors.tolerance=all} they go to
 * the dead-letter topic, reported by the task, and the other records to the table; without, the task fails.
 */
final class JdbcSinkDeadLetterTest {
    private static final String ORDER_SCHEMA = "{\"type\":\"struct\",\"name\":\"order\",\"optional\":false,"
        + "\"fields\":[{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
        + "{\"field\":\"item\",\"type\":\"string\",\"optional\":false}]}";
    /** A struct without the primary key field. */
    private static final String WITHOUT_ID = "{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":"
        + "[{\"field\":\"item\",\"type\":\"string\",\"optional\":false}]},\"payload\":{\"item\":\"no id\"}}";
    /** A value with a schema, but not a struct. */
    private static final String NOT_A_STRUCT = "{\"schema\":{\"type\":\"string\",\"optional\":false},"
        + "\"payload\":\"just a string\"}";
    /** What the converter cannot read: the runtime dead-letters it before the task sees it. */
    private static final String NOT_JSON = "plain text";

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("orders", 1)
        .topic("strict-orders", 1));

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @TempDir
    Path dir;

    private ConnectStandalone connect;

    @BeforeEach
    void start() {
        connect = ConnectStandalone.startNow(Workers.props(BROKER.bootstrapServers(), dir));
    }

    @AfterEach
    void stop() {
        connect.closeNow();
    }

    private static String order(int id, String item) {
        return "{\"schema\":" + ORDER_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"item\":\"" + item + "\"}}";
    }

    private static Map<String, String> sink(String name, String topic, String... keysAndValues) {
        Map<String, String> config = Workers.sink(name, POSTGRES.url(), topic, "table.name.format", "orders_copy",
            "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true");
        config.putAll(Tasks.props(keysAndValues));
        return config;
    }

    /** The table's rows; none before the sink created it. */
    private static List<Map<String, Object>> copy() {
        boolean created = (Boolean) POSTGRES.single("SELECT to_regclass('orders_copy') IS NOT NULL");
        return created ? POSTGRES.query("SELECT id, item FROM orders_copy ORDER BY id") : List.of();
    }

    @Test
    void recordsTheSinkCannotWriteGoToTheDeadLetterTopicAndTheOthersToTheTable() {
        Workers.produce(BROKER.bootstrapServers(), "orders", order(1, "apple"), WITHOUT_ID, order(2, "pear"),
            NOT_A_STRUCT, NOT_JSON, order(3, "plum"));
        Workers.create(connect, sink("orders-sink", "orders", "errors.tolerance", "all",
            "errors.log.enable", "true",
            "errors.deadletterqueue.topic.name", "orders-dlq",
            "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true"));

        await().atMost(Workers.WAIT).untilAsserted(() -> assertThat(copy()).containsExactly(
            Map.of("id", 1, "item", "apple"), Map.of("id", 2, "item", "pear"), Map.of("id", 3, "item", "plum")));

        // The converter's failure is dead-lettered before the batch reaches the task, so the order may vary.
        Map<String, ReceivedRecord<String, String>> dead = Workers.read(BROKER.bootstrapServers(), "orders-dlq", 3)
            .stream()
            .collect(Collectors.toMap(ReceivedRecord::value, Function.identity()));
        assertThat(dead).containsOnlyKeys(WITHOUT_ID, NOT_A_STRUCT, NOT_JSON);
        assertDeadLetter(dead.get(WITHOUT_ID), 1, "TASK_PUT", JdbcSinkTask.class.getName(),
            "io.tributary.connect.errors.ConnectException", "Primary key field \"id\"");
        assertDeadLetter(dead.get(NOT_A_STRUCT), 3, "TASK_PUT", JdbcSinkTask.class.getName(),
            "io.tributary.connect.errors.DataException", "schema type STRING");
        assertDeadLetter(dead.get(NOT_JSON), 4, "VALUE_CONVERTER", "io.tributary.connect.storage.JsonConverter",
            "io.tributary.connect.errors.DataException", null);
        assertThat(Workers.endOffset(BROKER.bootstrapServers(), "orders-dlq")).isEqualTo(3);
        Workers.awaitRunning(connect, "orders-sink");
    }

    private static void assertDeadLetter(ReceivedRecord<String, String> record, int offset, String stage,
                                         String executing, String exception, @Nullable String message) {
        assertThat(Workers.header(record, "__connect.errors.topic")).isEqualTo("orders");
        assertThat(Workers.header(record, "__connect.errors.partition")).isEqualTo("0");
        assertThat(Workers.header(record, "__connect.errors.offset")).isEqualTo(String.valueOf(offset));
        assertThat(Workers.header(record, "__connect.errors.connector.name")).isEqualTo("orders-sink");
        assertThat(Workers.header(record, "__connect.errors.stage")).isEqualTo(stage);
        assertThat(Workers.header(record, "__connect.errors.class.name")).isEqualTo(executing);
        assertThat(Workers.header(record, "__connect.errors.exception.class.name")).isEqualTo(exception);
        assertThat(Workers.header(record, "__connect.errors.exception.message")).isNotEmpty();
        if (message != null) {
            assertThat(Workers.header(record, "__connect.errors.exception.message")).contains(message);
        }
    }

    @Test
    void withoutToleranceARecordTheSinkCannotWriteFailsTheTaskAndNothingIsWritten() {
        Workers.produce(BROKER.bootstrapServers(), "strict-orders", WITHOUT_ID, order(1, "apple"));
        Workers.create(connect, sink("strict-sink", "strict-orders"));

        ConnectorStatus failed = Workers.awaitTask(connect, "strict-sink", ConnectorStatus.Value.FAILED);
        assertThat(failed.tasks().get(0).trace())
            .contains("ToleranceExceededException")
            .contains("Primary key field \"id\"");
        assertThat(POSTGRES.single("SELECT to_regclass('orders_copy') IS NULL")).isEqualTo(true);
    }
}
