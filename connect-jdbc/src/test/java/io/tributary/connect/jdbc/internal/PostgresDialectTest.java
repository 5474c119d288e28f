package io.tributary.connect.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.errors.ConnectException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PostgresDialectTest {
    private final DatabaseDialect dialect = Dialects.forUrl("jdbc:postgresql://localhost/db");
    private final TableId table = new TableId(null, "public", "my \"table\"");

    @Test
    void isChosenByUrlOrName() {
        assertThat(dialect).isInstanceOf(PostgresDialect.class);
        assertThat(Dialects.forUrl("jdbc:h2:mem:x")).isInstanceOf(GenericDialect.class);
        assertThat(Dialects.of("GenericDatabaseDialect", "jdbc:postgresql://x/y")).isInstanceOf(GenericDialect.class);
    }

    @Test
    void quotesIdentifiers() {
        assertThat(dialect.qualifiedName(table)).isEqualTo("\"public\".\"my \"\"table\"\"\"");
    }

    @Test
    void upsertsWithOnConflict() {
        assertThat(dialect.upsert(TableId.of("t"), List.of("id"), List.of("a", "b"))).isEqualTo(
            "INSERT INTO \"t\" (\"id\", \"a\", \"b\") VALUES (?, ?, ?) ON CONFLICT (\"id\") DO UPDATE SET"
                + " \"a\" = EXCLUDED.\"a\", \"b\" = EXCLUDED.\"b\"");
        assertThat(dialect.upsert(TableId.of("t"), List.of("id"), List.of())).endsWith("DO NOTHING");
        assertThatThrownBy(() -> new GenericDialect().upsert(TableId.of("t"), List.of("id"), List.of("a")))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("upsert");
    }

    @Test
    void updatesAndDeletesByKey() {
        assertThat(dialect.update(TableId.of("t"), List.of("k1", "k2"), List.of("a"))).isEqualTo(
            "UPDATE \"t\" SET \"a\" = ? WHERE \"k1\" = ? AND \"k2\" = ?");
        assertThat(dialect.delete(TableId.of("t"), List.of("k"))).isEqualTo("DELETE FROM \"t\" WHERE \"k\" = ?");
    }

    @Test
    void createsTablesWithDefaultsAndKeys() {
        List<SinkColumn> columns = List.of(new SinkColumn("id", Schema.INT64_SCHEMA, true),
            new SinkColumn("name", SchemaBuilder.string().defaultValue("it's").build(), false),
            new SinkColumn("amount", Decimal.schema(2), false),
            new SinkColumn("note", Schema.OPTIONAL_STRING_SCHEMA, false));

        assertThat(dialect.createTable(TableId.of("t"), columns)).isEqualTo("CREATE TABLE \"t\" (\n"
            + "\"id\" BIGINT NOT NULL,\n\"name\" TEXT DEFAULT 'it''s' NOT NULL,\n\"amount\" DECIMAL NOT NULL,\n"
            + "\"note\" TEXT,\nPRIMARY KEY(\"id\"))");
        assertThat(dialect.addColumns(TableId.of("t"), columns.subList(3, 4)))
            .containsExactly("ALTER TABLE \"t\" ADD \"note\" TEXT");
    }

    @Test
    void serverShutdownAndConnectionStatesAreConnectionFailures() {
        assertThat(dialect.isConnectionFailure(new SQLException("gone", "08006"))).isTrue();
        assertThat(dialect.isConnectionFailure(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(dialect.isConnectionFailure(new SQLException("bad", "23505"))).isFalse();
        SQLException batch = new SQLException("batch aborted", "23505");
        batch.setNextException(new SQLException("io", "08006"));
        assertThat(dialect.isConnectionFailure(batch)).isTrue();
        assertThat(new GenericDialect().isConnectionFailure(new SQLException("admin shutdown", "57P01"))).isFalse();
    }
}
