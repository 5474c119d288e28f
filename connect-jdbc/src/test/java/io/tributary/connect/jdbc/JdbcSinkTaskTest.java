package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.sinkTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.sink.SinkRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

final class JdbcSinkTaskTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Schema KEY = SchemaBuilder.struct().name("key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("item")
                                                     .field("id", Schema.INT64_SCHEMA)
                                                     .field("name", Schema.STRING_SCHEMA)
                                                     .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
                                                     .build();

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct item(long id, String name, Double price) {
        return new Struct(VALUE).put("id", id).put("name", name).put("price", price);
    }

    private static SinkRecord record(long offset, Struct key, Struct value) {
        return new SinkRecord("items", 0, key == null ? null : key.schema(), key, value == null ? null : VALUE,
            value, offset, null, List.of());
    }

    private static void put(JdbcSinkTask task, SinkRecord... records) {
        task.put(List.of(records)).block(TIMEOUT);
    }

    private List<Map<String, Object>> rows() {
        return POSTGRES.query("SELECT * FROM items ORDER BY id");
    }

    @Test
    void insertModeCreatesTheTableAndInsertsRows() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true"));

        put(task, record(0, null, item(1, "apple", 1.5)), record(1, null, item(2, "pear", null)));

        assertThat(rows()).containsExactly(Map.of("id", 1L, "name", "apple", "price", 1.5),
            mapOf("id", 2L, "name", "pear", "price", null));
    }

    @Test
    void autoCreateDeclaresTypesNullabilityAndThePrimaryKey() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "pk.mode", "record_key"));

        put(task, record(0, key(1), item(1, "apple", 1.5)));

        assertThat(POSTGRES.query("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
            + " WHERE table_name = 'items' ORDER BY ordinal_position")).containsExactly(
                Map.of("column_name", "id", "data_type", "bigint", "is_nullable", "NO"),
                Map.of("column_name", "name", "data_type", "text", "is_nullable", "NO"),
                Map.of("column_name", "price", "data_type", "double precision", "is_nullable", "YES"));
        assertThat(primaryKey("items")).containsExactly("id");
    }

    private List<Object> primaryKey(String table) {
        return POSTGRES.query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary"
            + " ORDER BY a.attname").stream().map(r -> r.get("attname")).toList();
    }

    @Test
    void upsertUpdatesTheRowWithTheSameKey() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_key"));

        put(task, record(0, key(1), item(1, "apple", 1.5)), record(1, key(2), item(2, "pear", 2.0)));
        put(task, record(2, key(1), item(1, "green apple", 1.75)));

        assertThat(rows()).containsExactly(Map.of("id", 1L, "name", "green apple", "price", 1.75),
            Map.of("id", 2L, "name", "pear", "price", 2.0));
    }

    @Test
    void updateModeChangesExistingRowsOnly() {
        POSTGRES.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL, price DOUBLE PRECISION)",
            "INSERT INTO items VALUES (1, 'apple', 1.5)");
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "insert.mode", "update", "pk.mode", "record_value",
            "pk.fields", "id"));

        put(task, record(0, null, item(1, "red apple", 3.0)), record(1, null, item(2, "pear", 2.0)));

        assertThat(rows()).containsExactly(Map.of("id", 1L, "name", "red apple", "price", 3.0));
    }

    @Test
    void recordKeyModeTakesAPrimitiveKeyAsTheNamedColumn() {
        Schema value = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).build();
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_key", "pk.fields", "sku"));

        task.put(List.of(new SinkRecord("items", 0, Schema.STRING_SCHEMA, "A-1", value,
            new Struct(value).put("name", "apple"), 0, null, List.of()))).block(TIMEOUT);

        assertThat(POSTGRES.query("SELECT * FROM items")).containsExactly(Map.of("sku", "A-1", "name", "apple"));
        assertThat(primaryKey("items")).containsExactly("sku");
    }

    @Test
    void recordValueModeUsesTheNamedValueFieldsAsKey() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_value", "pk.fields", "id,name"));

        put(task, record(0, null, item(1, "apple", 1.0)), record(1, null, item(1, "apple", 2.0)));

        assertThat(rows()).containsExactly(Map.of("id", 1L, "name", "apple", "price", 2.0));
        assertThat(primaryKey("items")).containsExactly("id", "name");
    }

    @Test
    void kafkaModeKeysRowsByTopicPartitionAndOffset() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "pk.mode", "kafka",
            "table.name.format", "kafka_${topic}"));

        put(task, record(41, null, item(1, "apple", null)), record(42, null, item(1, "apple", 1.0)));

        assertThat(POSTGRES.query("SELECT __connect_topic, __connect_partition, __connect_offset, price"
            + " FROM kafka_items ORDER BY __connect_offset")).containsExactly(
                mapOf("__connect_topic", "items", "__connect_partition", 0, "__connect_offset", 41L, "price", null),
                mapOf("__connect_topic", "items", "__connect_partition", 0, "__connect_offset", 42L, "price", 1.0));
    }

    @Test
    void autoEvolveAddsColumnsForNewOptionalFields() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "auto.evolve", "true",
            "pk.mode", "record_key", "insert.mode", "upsert"));
        put(task, record(0, key(1), item(1, "apple", 1.0)));
        Schema evolved = SchemaBuilder.struct().name("item")
                                      .field("id", Schema.INT64_SCHEMA)
                                      .field("name", Schema.STRING_SCHEMA)
                                      .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
                                      .field("color", Schema.OPTIONAL_STRING_SCHEMA)
                                      .field("stock", SchemaBuilder.int32().defaultValue(0).build())
                                      .build();

        task.put(List.of(new SinkRecord("items", 0, KEY, key(2), evolved,
            new Struct(evolved).put("id", 2L).put("name", "pear").put("color", "green").put("stock", 5), 1, null,
            List.of()))).block(TIMEOUT);

        assertThat(rows()).containsExactly(mapOf("id", 1L, "name", "apple", "price", 1.0, "color", null, "stock", 0),
            mapOf("id", 2L, "name", "pear", "price", null, "color", "green", "stock", 5));
    }

    @Test
    void withoutAutoEvolveAMissingColumnIsAClearError() {
        POSTGRES.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url()));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0))))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("price")
            .hasMessageContaining("auto.evolve");
    }

    @Test
    void aRequiredFieldWithoutDefaultCannotBeAdded() {
        POSTGRES.execute("CREATE TABLE items (id BIGINT PRIMARY KEY)");
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.evolve", "true"));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0))))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("\"name\"")
            .hasMessageContaining("required");
    }

    @Test
    void withoutAutoCreateAMissingTableIsAClearError() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url()));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0))))
            .isInstanceOf(ConnectException.class)
            .isNotInstanceOf(RetriableConnectException.class)
            .hasMessageContaining("\"items\"")
            .hasMessageContaining("auto.create");
    }

    @Test
    void tombstonesDeleteByKeyInRecordOrder() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_key", "delete.enabled", "true"));
        put(task, record(0, key(1), item(1, "apple", 1.0)), record(1, key(2), item(2, "pear", 2.0)));

        put(task, record(2, key(1), null), record(3, key(3), item(3, "plum", 3.0)), record(4, key(3), null),
            record(5, key(3), item(3, "plum", 4.0)));

        assertThat(rows()).containsExactly(Map.of("id", 2L, "name", "pear", "price", 2.0),
            Map.of("id", 3L, "name", "plum", "price", 4.0));
    }

    @Test
    void tombstonesAreSkippedWhenDeletesAreDisabled() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_key"));

        put(task, record(0, key(1), item(1, "apple", 1.0)), record(1, key(1), null));

        assertThat(rows()).hasSize(1);
    }

    @Test
    void aRecordWithoutSchemaFailsThePutAndWritesNothing() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true"));
        SinkRecord schemaless = new SinkRecord("items", 0, null, null, null, Map.of("id", 2), 1, null, List.of());

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0)), schemaless))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("items-0@1")
            .hasMessageContaining("schema");
        assertThat(POSTGRES.single("SELECT to_regclass('items') IS NULL")).isEqualTo(true);
    }

    @Test
    void aNonStructValueFailsThePut() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true"));

        assertThatThrownBy(() -> task.put(List.of(new SinkRecord("items", 0, null, null, Schema.STRING_SCHEMA, "x",
            7, null, List.of()))).block(TIMEOUT))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("items-0@7")
            .hasMessageContaining("STRING");
    }

    @Test
    void aMissingPrimaryKeyFieldIsNamed() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_value", "pk.fields", "sku"));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0))))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("\"sku\"")
            .hasMessageContaining("[id, name, price]");
    }

    @Test
    void aRecordKeyModeRecordWithoutKeyFails() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_key"));

        assertThatThrownBy(() -> task.put(List.of(new SinkRecord("items", 0, KEY, null, VALUE,
            item(1, "apple", 1.0), 3, null, List.of()))).block(TIMEOUT))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("items-0@3");
    }

    @Test
    void recordsItCannotWriteAreReportedInOrderAndTheOthersWritten() {
        List<String> reported = new CopyOnWriteArrayList<>();
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "insert.mode", "upsert",
            "pk.mode", "record_value", "pk.fields", "id"),
            (record, error) -> Mono.fromRunnable(() -> reported.add(record.kafkaOffset() + ": "
                + error.getClass().getSimpleName())));
        Schema withoutId = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).build();

        put(task, record(0, null, item(1, "apple", 1.0)),
            new SinkRecord("items", 0, null, null, withoutId, new Struct(withoutId).put("name", "x"), 1, null,
                List.of()),
            new SinkRecord("items", 0, null, null, null, Map.of("id", 2), 2, null, List.of()),
            record(3, null, item(2, "pear", 2.0)));

        assertThat(reported).containsExactly("1: ConnectException", "2: DataException");
        assertThat(rows()).extracting(r -> r.get("name")).containsExactly("apple", "pear");
    }

    @Test
    void aFailedReportFailsThePutBeforeAnythingIsWritten() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true"),
            (record, error) -> Mono.error(new ConnectException("Tolerance exceeded", error)));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0)),
            new SinkRecord("items", 0, null, null, Schema.STRING_SCHEMA, "x", 1, null, List.of())))
            .isInstanceOf(ConnectException.class)
            .hasMessage("Tolerance exceeded")
            .hasCauseInstanceOf(DataException.class);
        assertThat(POSTGRES.single("SELECT to_regclass('items') IS NULL")).isEqualTo(true);
    }

    @Test
    void aPutOfOnlyRecordsItCannotWriteConnectsToNothing() {
        List<SinkRecord> reported = new CopyOnWriteArrayList<>();
        JdbcSinkTask task = Tasks.sink(sinkTask("jdbc:postgresql://127.0.0.1:1/nowhere"),
            (record, error) -> Mono.fromRunnable(() -> reported.add(record)));

        put(task, new SinkRecord("items", 0, null, null, null, "x", 0, null, List.of()));

        assertThat(reported).hasSize(1);
    }

    @Test
    void aPutIsOneTransaction() {
        POSTGRES.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL, price DOUBLE PRECISION)");
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url()));

        assertThatThrownBy(() -> put(task, record(0, null, item(1, "apple", 1.0)),
            record(1, null, item(1, "apple again", 1.0))))
            .isInstanceOf(ConnectException.class)
            .isNotInstanceOf(RetriableConnectException.class)
            .hasMessageContaining("23505");   // unique_violation
        assertThat(rows()).isEmpty();

        put(task, record(2, null, item(1, "apple", 1.0)));
        assertThat(rows()).hasSize(1);
    }

    @Test
    void recordsBeyondTheBatchSizeGoInFurtherBatches() {
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "batch.size", "7"));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(record(i, null, item(i, "item" + i, (double) i)));
        }

        task.put(records).block(TIMEOUT);

        assertThat(POSTGRES.single("SELECT count(*) FROM items")).isEqualTo(25L);
    }

    @Test
    void everySupportedTypeIsWrittenAndCreated() {
        Schema schema = SchemaBuilder.struct()
                                     .field("i8", Schema.INT8_SCHEMA)
                                     .field("i16", Schema.INT16_SCHEMA)
                                     .field("i32", Schema.INT32_SCHEMA)
                                     .field("i64", Schema.INT64_SCHEMA)
                                     .field("f32", Schema.FLOAT32_SCHEMA)
                                     .field("f64", Schema.FLOAT64_SCHEMA)
                                     .field("bool", Schema.BOOLEAN_SCHEMA)
                                     .field("str", Schema.STRING_SCHEMA)
                                     .field("bytes", Schema.BYTES_SCHEMA)
                                     .field("dec", io.tributary.connect.data.Decimal.schema(2))
                                     .field("date", io.tributary.connect.data.Date.schema())
                                     .field("time", io.tributary.connect.data.Time.schema())
                                     .field("ts", io.tributary.connect.data.Timestamp.schema())
                                     .field("nothing", Schema.OPTIONAL_STRING_SCHEMA)
                                     .build();
        Struct value = new Struct(schema).put("i8", (byte) 1).put("i16", (short) 2).put("i32", 3).put("i64", 4L)
                                         .put("f32", 5.5f).put("f64", 6.25).put("bool", true).put("str", "s")
                                         .put("bytes", new byte[] {1, 2}).put("dec", new java.math.BigDecimal("7.89"))
                                         .put("date", new java.util.Date(86_400_000L))
                                         .put("time", new java.util.Date(3_723_004L))
                                         .put("ts", new java.util.Date(1_700_000_000_123L));
        JdbcSinkTask task = Tasks.sink(sinkTask(POSTGRES.url(), "auto.create", "true", "topics", "all_types"));

        task.put(List.of(new SinkRecord("all_types", 0, null, null, schema, value, 0, null, List.of())))
            .block(TIMEOUT);

        assertThat(POSTGRES.query("SELECT i8, i16, i32, i64, f32, f64, bool, str, dec, date::text, time::text,"
            + " to_char(ts, 'YYYY-MM-DD HH24:MI:SS.MS') AS ts, nothing,"
            + " encode(bytes, 'hex') AS bytes FROM all_types")).containsExactly(mapOf("i8", 1,
                "i16", 2, "i32", 3, "i64", 4L, "f32", 5.5f, "f64", 6.25, "bool", true, "str", "s",
                "dec", new java.math.BigDecimal("7.89"), "date", "1970-01-02", "time", "01:02:03.004",
                "ts", "2023-11-14 22:13:20.123", "nothing", null, "bytes", "0102"));
    }

    /** A map that, unlike {@code Map.of}, takes null values; keeps insertion order. */
    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
