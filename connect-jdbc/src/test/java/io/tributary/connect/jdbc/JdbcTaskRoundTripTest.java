package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.sinkTask;
import static io.tributary.connect.jdbc.Tasks.sourceTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A JDBC source task feeding a JDBC sink task through memory, as a worker would through a topic. */
final class JdbcTaskRoundTripTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private final AtomicLong kafkaOffset = new AtomicLong();

    /** What the topic would hand the sink: the same schema'd value at the next offset. */
    private SinkRecord toSinkRecord(SourceRecord record) {
        return new SinkRecord(record.topic(), 0, record.keySchema(), record.key(), record.valueSchema(),
            record.value(), kafkaOffset.getAndIncrement(), record.timestamp(), record.headers());
    }

    private void pump(JdbcSourceTask source, JdbcSinkTask sink, int records) {
        List<SinkRecord> batch = source.records().take(records).map(this::toSinkRecord).collectList().block(TIMEOUT);
        sink.put(batch).block(TIMEOUT);
    }

    @Test
    void insertsAndUpdatesArriveInTheCopy() {
        POSTGRES.execute("CREATE TABLE products (id SERIAL PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2),"
                + " tags JSONB, updated_at TIMESTAMP(6) NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))",
            "INSERT INTO products (name, price, tags) VALUES ('apple', 1.50, '[\"fruit\"]'), ('pear', 2.25, NULL),"
                + " ('plum', NULL, NULL)");
        JdbcSourceTask source = Tasks.source(sourceTask(POSTGRES.url(), "products", "mode",
            "timestamp+incrementing", "timestamp.column.name", "updated_at", "incrementing.column.name", "id",
            "topic.prefix", "pg-"));
        JdbcSinkTask sink = Tasks.sink(sinkTask(POSTGRES.url(), "table.name.format", "copy_${topic}",
            "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id", "auto.create", "true"));

        pump(source, sink, 3);
        assertThat(copy()).isEqualTo(original());

        POSTGRES.execute("UPDATE products SET price = 1.75, updated_at = now() AT TIME ZONE 'utc' WHERE id = 1",
            "INSERT INTO products (name, price) VALUES ('fig', 9.99)");
        pump(source, sink, 2);

        assertThat(copy()).isEqualTo(original()).hasSize(4);
        assertThat(copy().get(0)).containsEntry("price", new java.math.BigDecimal("1.75"));
        assertThat(POSTGRES.query("SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns"
            + " WHERE table_name = 'copy_pg-products' AND column_name = 'price'"))
            .containsExactly(Map.of("data_type", "numeric", "numeric_precision", 10, "numeric_scale", 2));
    }

    /** The source table as the copy should hold it: Connect timestamps carry milliseconds. */
    private List<Map<String, Object>> original() {
        return POSTGRES.query("SELECT id, name, price, tags::text AS tags,"
            + " date_trunc('milliseconds', updated_at) AS updated_at FROM products ORDER BY id");
    }

    private List<Map<String, Object>> copy() {
        return POSTGRES.query("SELECT id, name, price, tags, updated_at FROM \"copy_pg-products\" ORDER BY id");
    }
}
