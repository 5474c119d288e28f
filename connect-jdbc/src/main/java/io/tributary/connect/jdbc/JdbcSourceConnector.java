package io.tributary.connect.jdbc;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.jdbc.internal.DatabaseDialect;
import io.tributary.connect.jdbc.internal.Failures;
import io.tributary.connect.jdbc.internal.TableId;
import io.tributary.connect.jdbc.internal.Version;
import io.tributary.connect.source.ExactlyOnceSupport;
import io.tributary.connect.source.SourceConnector;
import io.tributary.connect.source.SourceTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies database tables, or the rows of one query, into topics, configured like Confluent's JDBC source
 * connector ({@link JdbcSourceConfig}). On start it lists the tables to read (those of {@code table.types} in the
 * schemas matching {@code schema.pattern}, filtered by {@code table.whitelist} or {@code table.blacklist}) and
 * spreads them over up to {@code tasks.max} {@link JdbcSourceTask}s in contiguous groups; a custom query runs in
 * one task. Tables created later are picked up when the connector restarts.
 *
 * <pre>{@code
 * connector.class=io.tributary.connect.jdbc.JdbcSourceConnector
 * connection.url=jdbc:postgresql://localhost:5432/shop
 * mode=timestamp+incrementing
 * incrementing.column.name=id
 * timestamp.column.name=updated_at
 * table.whitelist=orders,customers
 * topic.prefix=shop-
 * }</pre>
 *
 * @since 0.1
 */
public final class JdbcSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceConnector.class);

    private Map<String, String> props = Map.of();
    private @Nullable JdbcSourceConfig config;
    private List<TableId> tables = List.of();

    @Override
    public String version() {
        return Version.current();
    }

    /**
     * Checks the configuration and, unless it has a query, lists the tables to read. Blocks on the database.
     *
     * @throws io.tributary.connect.config.ConfigException if the configuration is invalid
     * @throws ConnectException if the tables cannot be listed
     */
    @Override
    public void start(Map<String, String> props) {
        JdbcSourceConfig parsed = JdbcSourceConfig.parse(props);
        this.tables = parsed.query() == null ? listTables(parsed) : List.of();
        this.config = parsed;
        this.props = Map.copyOf(props);
    }

    private static List<TableId> listTables(JdbcSourceConfig config) {
        DatabaseDialect dialect = config.dialect();
        List<TableId> found;
        try (Connection connection = config.connectionSettings().open()) {
            found = dialect.tables(connection, config.schemaPattern(), config.tableTypes());
        } catch (SQLException e) {
            throw Failures.translate(dialect, "listing the tables of " + config.connectionUrl(), e);
        }
        List<TableId> whitelist = config.tableWhitelist().stream().map(TableId::parse).toList();
        List<TableId> blacklist = config.tableBlacklist().stream().map(TableId::parse).toList();
        List<TableId> selected = new ArrayList<>();
        for (TableId table : found) {
            boolean wanted = whitelist.isEmpty() || whitelist.stream().anyMatch(table::matches);
            if (wanted && blacklist.stream().noneMatch(table::matches)) {
                selected.add(table);
            }
        }
        for (TableId wanted : whitelist) {
            if (selected.stream().noneMatch(t -> t.matches(wanted))) {
                LOG.warn("Table {} of table.whitelist was not found among the tables of {}", wanted,
                    config.connectionUrl());
            }
        }
        LOG.info("Reading tables {}", selected);
        return List.copyOf(selected);
    }

    /**
     * Exactly once needs a task to resume strictly after its committed offset: the incrementing modes do (the
     * column only grows); {@code timestamp} alone may meet rows of an equal timestamp again, and {@code bulk} keeps
     * no offsets.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        try {
            return JdbcSourceConfig.Mode.of(props.getOrDefault(JdbcSourceConfig.MODE_CONFIG, "")).usesIncrementing()
                ? ExactlyOnceSupport.SUPPORTED : ExactlyOnceSupport.UNSUPPORTED;
        } catch (ConfigException e) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return JdbcSourceTask.class;
    }

    /**
     * One configuration per group of tables, at most {@code maxTasks}, each the connector's configuration plus
     * the task's tables; a single one for a query; none if no table was found.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config == null) {
            throw new IllegalStateException("The connector has not been started");
        }
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be positive, was " + maxTasks);
        }
        if (config.query() != null) {
            return List.of(props);
        }
        if (tables.isEmpty()) {
            LOG.warn("No tables to read: no task is started");
            return List.of();
        }
        int groups = Math.min(maxTasks, tables.size());
        List<Map<String, String>> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            // Contiguous groups whose sizes differ by at most one.
            int from = g * tables.size() / groups;
            int to = (g + 1) * tables.size() / groups;
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TABLES_CONFIG, TableId.formatList(tables.subList(from, to)));
            out.add(Map.copyOf(task));
        }
        return out;
    }

    /** The tables found by {@link #start}, in the order they are spread over tasks. */
    List<TableId> tables() {
        return tables;
    }

    @Override
    public void stop() {
        config = null;
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.configDef();
    }

    /** Checks each key and the combinations of keys; does not connect. */
    @Override
    public List<ConfigValue> validate(Map<String, String> props) {
        return JdbcSourceConfig.validate(props);
    }
}
