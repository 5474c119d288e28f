package io.tributary.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh, empty database on one PostgreSQL server shared by the whole test run (started on first
 * use, stopped and deleted when JUnit closes its root store or the JVM exits). Register it with
 * {@code @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();} and use
 * {@link #url()}, {@link #execute} and {@link #query} in the test.
 */
final class PostgresExtension implements BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresServer server;
    private String database;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.launch(),
                            PostgresServer.class);
        database = "test_" + DATABASES.incrementAndGet();
        server.createDatabase(database);
    }

    /** The JDBC URL of this test's database. */
    String url() {
        return server.url(database);
    }

    PostgresServer server() {
        return server;
    }

    /** A connection to this test's database, auto-commit on. */
    Connection connect() throws SQLException {
        return server.connect(database);
    }

    /** Runs statements in auto-commit mode. */
    void execute(String... sql) {
        server.execute(database, sql);
    }

    /** The rows of a query, each a map of column label to value ({@link java.sql.ResultSet#getObject}). */
    List<Map<String, Object>> query(String sql) {
        return server.query(database, sql);
    }

    /** The single value of a one-row, one-column query. */
    Object single(String sql) {
        List<Map<String, Object>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }
}
