package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.JdbcSourceConnectorTest.errors;
import static io.tributary.connect.jdbc.Tasks.props;
import static io.tributary.connect.jdbc.Tasks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JdbcSinkConnectorTest {
    private static final Map<String, String> BASE = props("connection.url", "jdbc:postgresql://localhost/db",
        "topics", "orders");

    @Test
    void everyTaskGetsTheConnectorsConfiguration() {
        JdbcSinkConnector connector = new JdbcSinkConnector();
        connector.start(BASE);

        assertThat(connector.taskConfigs(3)).containsExactly(BASE, BASE, BASE);
        assertThat(connector.taskClass()).isEqualTo(JdbcSinkTask.class);
    }

    @Test
    void validateNamesAMissingConnectionUrl() {
        assertThat(errors(new JdbcSinkConnector().validate(props("topics", "orders")), "connection.url"))
            .isNotEmpty();
        assertThatThrownBy(() -> new JdbcSinkConnector().start(props("topics", "orders")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("connection.url");
    }

    @Test
    void validateNamesUnknownModes() {
        List<ConfigValue> values = new JdbcSinkConnector().validate(with(BASE, "insert.mode", "merge",
            "pk.mode", "somewhere"));

        assertThat(errors(values, "insert.mode")).anySatisfy(e -> assertThat(e).contains("merge"));
        assertThat(errors(values, "pk.mode")).anySatisfy(e -> assertThat(e).contains("somewhere"));
    }

    @Test
    void upsertNeedsAPrimaryKey() {
        Map<String, String> props = with(BASE, "insert.mode", "upsert");

        assertThat(errors(new JdbcSinkConnector().validate(props), "insert.mode"))
            .anySatisfy(e -> assertThat(e).contains("pk.mode"));
        assertThatThrownBy(() -> JdbcSinkConfig.parse(props)).isInstanceOf(ConfigException.class)
                                                             .hasMessageContaining("insert.mode");
    }

    @Test
    void deletesNeedRecordKeys() {
        assertThat(errors(new JdbcSinkConnector().validate(with(BASE, "delete.enabled", "true", "pk.mode",
            "record_value")), "delete.enabled")).anySatisfy(e -> assertThat(e).contains("record_key"));
        assertThat(errors(new JdbcSinkConnector().validate(with(BASE, "delete.enabled", "true", "pk.mode",
            "record_key")), "delete.enabled")).isEmpty();
    }

    @Test
    void modesAreCaseInsensitiveAndDefaultsMatchConfluents() {
        JdbcSinkConfig config = JdbcSinkConfig.parse(with(BASE, "insert.mode", "UPSERT", "pk.mode", "Record_Key"));

        assertThat(config.insertMode()).isEqualTo(JdbcSinkConfig.InsertMode.UPSERT);
        assertThat(config.pkMode()).isEqualTo(JdbcSinkConfig.PrimaryKeyMode.RECORD_KEY);
        assertThat(config.tableName("orders")).isEqualTo("orders");
        assertThat(config.batchSize()).isEqualTo(3000);
        assertThat(config.maxRetries()).isEqualTo(10);
        assertThat(config.autoCreate()).isFalse();
    }
}
