package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.sourceTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.source.SourceRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class SourceTypeMappingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private List<SourceRecord> readTypes() {
        POSTGRES.execute("CREATE TABLE types (id SERIAL PRIMARY KEY, small_v SMALLINT NOT NULL, int_v INT,"
                + " big_v BIGINT, num_v NUMERIC(10,3), bare_num_v NUMERIC, real_v REAL, double_v DOUBLE PRECISION,"
                + " bool_v BOOLEAN, bit_v BIT(1), varchar_v VARCHAR(20), text_v TEXT, char_v CHAR(3), bytea_v BYTEA,"
                + " date_v DATE, time_v TIME(3), timestamp_v TIMESTAMP(3), timestamptz_v TIMESTAMPTZ(3),"
                + " uuid_v UUID, json_v JSONB, array_v INT[])",
            "INSERT INTO types VALUES (DEFAULT, 7, 42, 9000000000, 12.345, 6.78, 1.5, 2.25, true, B'1', 'vc',"
                + " 'text', 'ab', '\\x010203', '2020-01-02', '12:34:56.789', '2020-01-02 03:04:05.123',"
                + " '2020-01-02 03:04:05.123+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{1,2}')",
            "INSERT INTO types (small_v) VALUES (-1)");
        JdbcSourceTask task = Tasks.source(sourceTask(POSTGRES.url(), "types", "mode", "incrementing",
            "incrementing.column.name", "id"));
        return task.records().take(2).collectList().block(TIMEOUT);
    }

    @Test
    void columnTypesMapToConnectSchemas() {
        Schema schema = readTypes().get(0).valueSchema();

        assertThat(schema.name()).isEqualTo("types");
        assertField(schema, "id", Schema.Type.INT32, null, false);
        assertField(schema, "small_v", Schema.Type.INT16, null, false);
        assertField(schema, "int_v", Schema.Type.INT32, null, true);
        assertField(schema, "big_v", Schema.Type.INT64, null, true);
        assertField(schema, "num_v", Schema.Type.BYTES, Decimal.LOGICAL_NAME, true);
        assertThat(schema.field("num_v").schema().parameters())
            .containsEntry(Decimal.SCALE_FIELD, "3")
            .containsEntry("connect.decimal.precision", "10");
        assertField(schema, "bare_num_v", Schema.Type.FLOAT64, null, true);
        assertField(schema, "real_v", Schema.Type.FLOAT32, null, true);
        assertField(schema, "double_v", Schema.Type.FLOAT64, null, true);
        assertField(schema, "bool_v", Schema.Type.BOOLEAN, null, true);
        assertField(schema, "bit_v", Schema.Type.BOOLEAN, null, true);
        assertField(schema, "varchar_v", Schema.Type.STRING, null, true);
        assertField(schema, "text_v", Schema.Type.STRING, null, true);
        assertField(schema, "char_v", Schema.Type.STRING, null, true);
        assertField(schema, "bytea_v", Schema.Type.BYTES, null, true);
        assertField(schema, "date_v", Schema.Type.INT32, Date.LOGICAL_NAME, true);
        assertField(schema, "time_v", Schema.Type.INT32, Time.LOGICAL_NAME, true);
        assertField(schema, "timestamp_v", Schema.Type.INT64, Timestamp.LOGICAL_NAME, true);
        assertField(schema, "timestamptz_v", Schema.Type.INT64, Timestamp.LOGICAL_NAME, true);
        assertField(schema, "uuid_v", Schema.Type.STRING, null, true);
        assertField(schema, "json_v", Schema.Type.STRING, null, true);
        assertThat(schema.field("array_v")).as("arrays are not supported and left out").isNull();
    }

    private static void assertField(Schema struct, String name, Schema.Type type, String logicalName,
                                    boolean optional) {
        Schema field = struct.field(name).schema();
        assertThat(field.type()).as(name).isEqualTo(type);
        assertThat(field.name()).as(name).isEqualTo(logicalName);
        assertThat(field.isOptional()).as(name + " optional").isEqualTo(optional);
    }

    @Test
    void valuesConvertToTheirSchemasJavaTypes() {
        Struct row = (Struct) readTypes().get(0).value();

        assertThat(row.get("small_v")).isEqualTo((short) 7);
        assertThat(row.get("int_v")).isEqualTo(42);
        assertThat(row.get("big_v")).isEqualTo(9_000_000_000L);
        assertThat(row.get("num_v")).isEqualTo(new BigDecimal("12.345"));
        assertThat(row.get("bare_num_v")).isEqualTo(6.78);
        assertThat(row.get("real_v")).isEqualTo(1.5f);
        assertThat(row.get("double_v")).isEqualTo(2.25);
        assertThat(row.get("bool_v")).isEqualTo(true);
        assertThat(row.get("bit_v")).isEqualTo(true);
        assertThat(row.get("varchar_v")).isEqualTo("vc");
        assertThat(row.get("text_v")).isEqualTo("text");
        assertThat(row.get("char_v")).isEqualTo("ab ");
        assertThat((byte[]) row.get("bytea_v")).containsExactly(1, 2, 3);
        long day = LocalDate.parse("2020-01-02").toEpochDay() * 86_400_000L;
        assertThat(row.get("date_v")).isEqualTo(new java.util.Date(day));
        assertThat(row.get("time_v")).isEqualTo(new java.util.Date((12 * 3600 + 34 * 60 + 56) * 1000L + 789));
        assertThat(row.get("timestamp_v"))
            .isEqualTo(java.util.Date.from(Instant.parse("2020-01-02T03:04:05.123Z")));
        assertThat(row.get("timestamptz_v"))
            .isEqualTo(java.util.Date.from(Instant.parse("2020-01-02T01:04:05.123Z")));
        assertThat(row.get("uuid_v")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.get("json_v")).isEqualTo("{\"a\": 1}");
        // The logical values convert to what Connect's converters store.
        assertThat(Date.fromLogical(Date.schema(), (java.util.Date) row.get("date_v")))
            .isEqualTo((int) LocalDate.parse("2020-01-02").toEpochDay());
        assertThat(Time.fromLogical(Time.schema(), (java.util.Date) row.get("time_v"))).isEqualTo(45_296_789);
    }

    @Test
    void sqlNullsBecomeNullValues() {
        Struct row = (Struct) readTypes().get(1).value();

        assertThat(row.get("small_v")).isEqualTo((short) -1);
        for (String field : List.of("int_v", "big_v", "num_v", "bare_num_v", "real_v", "double_v", "bool_v",
            "bit_v", "varchar_v", "text_v", "char_v", "bytea_v", "date_v", "time_v", "timestamp_v",
            "timestamptz_v", "uuid_v", "json_v")) {
            assertThat(row.get(field)).as(field).isNull();
        }
    }

    @Test
    void computedColumnsOfAQueryAreOptional() {
        POSTGRES.execute("CREATE TABLE t (id INT NOT NULL)", "INSERT INTO t VALUES (1)");
        JdbcSourceTask task = Tasks.source(Tasks.props("connection.url", POSTGRES.url(), "connection.user",
            "postgres", "mode", "bulk", "query", "SELECT id, id * 2 AS twice FROM t", "topic.prefix", "q"));

        SourceRecord record = task.records().blockFirst(TIMEOUT);

        assertThat(record.valueSchema().field("id").schema().isOptional()).isFalse();
        assertThat(record.valueSchema().field("twice").schema().isOptional()).isTrue();
        assertThat(record.value()).isEqualTo(new Struct(record.valueSchema()).put("id", 1).put("twice", 2));
        assertThat(record.sourceOffset()).isEqualTo(Map.of());
    }
}
