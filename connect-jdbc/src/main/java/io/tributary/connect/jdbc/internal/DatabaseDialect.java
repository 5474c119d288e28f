package io.tributary.connect.jdbc.internal;

import io.tributary.connect.data.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * What the connectors need to know about one database product: identifier quoting, the SQL of each statement they
 * run, how column types map to Connect schemas and back, and which errors mean the connection is gone. Add a
 * database by extending {@link GenericDialect} and registering it in {@link Dialects}. Implementations are
 * stateless and thread-safe.
 */
public interface DatabaseDialect {
    /** The dialect's name, as {@code dialect.name} selects it (Confluent's names, e.g. PostgreSqlDatabaseDialect). */
    String name();

    /** {@code identifier} quoted so that it keeps its case and may contain any character. */
    String quote(String identifier);

    /** The quoted, qualified name of {@code table} for use in SQL. */
    String qualifiedName(TableId table);

    /**
     * Whether {@code error} means the connection failed (the server went away, refused or reset the connection)
     * rather than the statement: such errors are worth retrying on a new connection.
     */
    boolean isConnectionFailure(SQLException error);

    /** The tables of {@code tableTypes} (e.g. TABLE, VIEW) in the schemas matching {@code schemaPattern} (or all). */
    List<TableId> tables(Connection connection, @Nullable String schemaPattern, List<String> tableTypes)
        throws SQLException;

    /** How column {@code column} maps to a struct field, or null if its type is not supported. */
    @Nullable ColumnMapping columnMapping(ResultSetMetaData metadata, int column, TimeZone zone) throws SQLException;

    /** A query returning one row with the database's current time as its only column. */
    String currentTimestampQuery();

    /** The columns of {@code table}, or null if it does not exist. */
    @Nullable TableDefinition describe(Connection connection, TableId table) throws SQLException;

    /** {@code INSERT INTO table (keys..., values...) VALUES (?, ...)}. */
    String insert(TableId table, List<String> keyColumns, List<String> valueColumns);

    /**
     * An insert that updates the row with the same key if there is one; parameters as {@link #insert}.
     *
     * @throws io.tributary.connect.errors.ConnectException if the database has no such statement
     */
    String upsert(TableId table, List<String> keyColumns, List<String> valueColumns);

    /** {@code UPDATE table SET values... = ? WHERE keys... = ?}: value parameters first, then the key's. */
    String update(TableId table, List<String> keyColumns, List<String> valueColumns);

    /** {@code DELETE FROM table WHERE keys... = ?}. */
    String delete(TableId table, List<String> keyColumns);

    /** {@code CREATE TABLE} with {@code columns}, their NOT NULL and defaults, and the primary key. */
    String createTable(TableId table, List<SinkColumn> columns);

    /** The statements adding {@code columns} to {@code table}. */
    List<String> addColumns(TableId table, List<SinkColumn> columns);

    /** The column type declared for values of {@code schema}. */
    String columnType(Schema schema);

    /** Binds one parameter; dates and times in {@code zone}. */
    void bind(PreparedStatement statement, int index, Schema schema, @Nullable Object value, TimeZone zone)
        throws SQLException;
}
