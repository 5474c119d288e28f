package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.Tasks.props;
import static io.tributary.connect.jdbc.Tasks.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.Connector;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.jdbc.internal.TableId;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class JdbcSourceConnectorTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private Map<String, String> base() {
        return props("connection.url", POSTGRES.url(), "connection.user", "postgres", "mode", "bulk",
            "topic.prefix", "db-");
    }

    private static JdbcSourceConnector started(Map<String, String> props) {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        connector.start(props);
        return connector;
    }

    private static List<TableId> tablesOf(Map<String, String> taskConfig) {
        return TableId.parseList(taskConfig.get(JdbcSourceConfig.TABLES_CONFIG));
    }

    @Test
    void spreadsTheTablesOverAtMostMaxTasks() {
        POSTGRES.execute("CREATE TABLE t1 (id INT)", "CREATE TABLE t2 (id INT)", "CREATE TABLE t3 (id INT)",
            "CREATE TABLE t4 (id INT)", "CREATE TABLE t5 (id INT)", "CREATE VIEW v1 AS SELECT * FROM t1");
        JdbcSourceConnector connector = started(base());

        List<Map<String, String>> two = connector.taskConfigs(2);
        List<Map<String, String>> many = connector.taskConfigs(10);

        assertThat(two).hasSize(2);
        assertThat(two.stream().map(c -> tablesOf(c).size())).containsExactlyInAnyOrder(2, 3);
        assertThat(two.stream().flatMap(c -> tablesOf(c).stream()).map(TableId::table))
            .containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5");
        assertThat(two).allSatisfy(c -> assertThat(c).containsAllEntriesOf(base()));
        assertThat(many).hasSize(5).allSatisfy(c -> assertThat(tablesOf(c)).hasSize(1));
    }

    @Test
    void whitelistBlacklistAndTableTypesSelectTables() {
        POSTGRES.execute("CREATE SCHEMA other", "CREATE TABLE t1 (id INT)", "CREATE TABLE t2 (id INT)",
            "CREATE TABLE other.t3 (id INT)", "CREATE VIEW v1 AS SELECT * FROM t1");

        assertThat(started(with(base(), "table.whitelist", "t1, other.t3, missing")).tables())
            .extracting(TableId::table).containsExactlyInAnyOrder("t1", "t3");
        assertThat(started(with(base(), "table.blacklist", "t1")).tables())
            .extracting(TableId::table).containsExactlyInAnyOrder("t2", "t3");
        assertThat(started(with(base(), "schema.pattern", "other")).tables())
            .containsExactly(new TableId(null, "other", "t3"));
        assertThat(started(with(base(), "table.types", "VIEW")).tables())
            .containsExactly(new TableId(null, "public", "v1"));
    }

    @Test
    void aCustomQueryRunsInOneTask() {
        JdbcSourceConnector connector = started(with(base(), "query", "SELECT 1 AS one"));

        assertThat(connector.taskConfigs(4)).containsExactly(with(base(), "query", "SELECT 1 AS one"));
    }

    @Test
    void noTablesMeansNoTasks() {
        assertThat(started(base()).taskConfigs(3)).isEmpty();
    }

    @Test
    void validateNamesAMissingConnectionUrl() {
        Map<String, String> props = props("mode", "bulk", "topic.prefix", "db-");

        assertThat(errors(new JdbcSourceConnector().validate(props), "connection.url"))
            .anySatisfy(e -> assertThat(e).contains("connection.url"));
        assertThatThrownBy(() -> started(props)).isInstanceOf(ConfigException.class)
                                                .hasMessageContaining("connection.url");
    }

    @Test
    void validateNamesAnUnknownMode() {
        Map<String, String> props = with(base(), "mode", "sometimes");

        assertThat(errors(new JdbcSourceConnector().validate(props), "mode"))
            .anySatisfy(e -> assertThat(e).contains("sometimes").contains("incrementing"));
        assertThatThrownBy(() -> started(props)).isInstanceOf(ConfigException.class).hasMessageContaining("mode");
    }

    @Test
    void validateNamesTheMissingColumnOfAnIncrementingMode() {
        Map<String, String> props = with(base(), "mode", "incrementing");

        List<ConfigValue> values = new JdbcSourceConnector().validate(props);

        assertThat(errors(values, "incrementing.column.name")).isNotEmpty();
        assertThat(errors(values, "mode")).isEmpty();
        assertThat(errors(values, "connection.url")).isEmpty();
        assertThatThrownBy(() -> started(props)).isInstanceOf(ConfigException.class)
                                                .hasMessageContaining("incrementing.column.name");
        assertThat(errors(new JdbcSourceConnector().validate(with(base(), "mode", "timestamp+incrementing",
            "incrementing.column.name", "id")), "timestamp.column.name")).isNotEmpty();
    }

    @Test
    void validateRejectsAQueryWithATableWhitelist() {
        Map<String, String> props = with(base(), "query", "SELECT 1", "table.whitelist", "t1");

        assertThat(errors(new JdbcSourceConnector().validate(props), "query")).isNotEmpty();
    }

    @Test
    void validateAcceptsAGoodConfigurationAndHidesThePassword() {
        List<ConfigValue> values = new JdbcSourceConnector().validate(with(base(), "connection.password", "s3cret",
            "mode", "timestamp+incrementing", "incrementing.column.name", "id", "timestamp.column.name", "ts"));

        assertThat(values).allSatisfy(v -> assertThat(v.errors()).as(v.name()).isEmpty());
        assertThat(values).filteredOn(v -> v.name().equals("connection.password"))
                          .singleElement()
                          .satisfies(v -> assertThat(v.value()).isEqualTo("[hidden]"));
    }

    @Test
    void bothConnectorsAreFoundThroughTheServiceLoader() {
        Stream<Class<?>> found = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type);

        assertThat(found.toList()).contains(JdbcSourceConnector.class, JdbcSinkConnector.class);
        assertThat(new JdbcSourceConnector().version()).isNotBlank().isNotEqualTo("unknown");
        assertThat(new JdbcSourceConnector().taskClass()).isEqualTo(JdbcSourceTask.class);
    }

    static List<String> errors(List<ConfigValue> values, String key) {
        return values.stream().filter(v -> v.name().equals(key)).findFirst()
                     .orElseThrow(() -> new AssertionError("No config value for " + key)).errors();
    }

    @Test
    void deliversExactlyOnceOnlyInTheIncrementingModes() {
        JdbcSourceConnector connector = new JdbcSourceConnector();
        assertThat(connector.exactlyOnceSupport(Map.of("mode", "incrementing")))
            .isEqualTo(io.tributary.connect.source.ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.exactlyOnceSupport(Map.of("mode", "timestamp+incrementing")))
            .isEqualTo(io.tributary.connect.source.ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.exactlyOnceSupport(Map.of("mode", "timestamp")))
            .isEqualTo(io.tributary.connect.source.ExactlyOnceSupport.UNSUPPORTED);
        assertThat(connector.exactlyOnceSupport(Map.of("mode", "bulk")))
            .isEqualTo(io.tributary.connect.source.ExactlyOnceSupport.UNSUPPORTED);
        assertThat(connector.exactlyOnceSupport(Map.of()))
            .isEqualTo(io.tributary.connect.source.ExactlyOnceSupport.UNSUPPORTED);
    }
}
