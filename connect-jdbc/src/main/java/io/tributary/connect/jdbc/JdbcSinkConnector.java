package io.tributary.connect.jdbc;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.jdbc.internal.Version;
import io.tributary.connect.sink.SinkConnector;
import io.tributary.connect.sink.SinkTask;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes topics into database tables, configured like Confluent's JDBC sink connector ({@link JdbcSinkConfig}).
 * Every {@link JdbcSinkTask} gets the same configuration; the runtime shares the topics' partitions among them.
 *
 * <pre>{@code
 * connector.class=io.tributary.connect.jdbc.JdbcSinkConnector
 * topics=orders
 * connection.url=jdbc:postgresql://localhost:5432/warehouse
 * insert.mode=upsert
 * pk.mode=record_key
 * auto.create=true
 * auto.evolve=true
 * }</pre>
 *
 * @since 0.1
 */
public final class JdbcSinkConnector extends SinkConnector {
    private Map<String, String> props = Map.of();

    @Override
    public String version() {
        return Version.current();
    }

    /**
     * Checks the configuration; does not connect.
     *
     * @throws io.tributary.connect.config.ConfigException if it is invalid
     */
    @Override
    public void start(Map<String, String> props) {
        JdbcSinkConfig.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends SinkTask> taskClass() {
        return JdbcSinkTask.class;
    }

    /** {@code maxTasks} copies of the connector's configuration. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be positive, was " + maxTasks);
        }
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.configDef();
    }

    /** Checks each key and the combinations of keys; does not connect. */
    @Override
    public List<ConfigValue> validate(Map<String, String> props) {
        return JdbcSinkConfig.validate(props);
    }
}
