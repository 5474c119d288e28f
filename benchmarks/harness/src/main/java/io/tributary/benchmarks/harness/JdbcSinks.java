package io.tributary.benchmarks.harness;

import io.tributary.connect.jdbc.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two JDBC sinks {@link JdbcSinkSideBySide} compares: how to start their worker and how to configure them. Both
 * get the same settings, each under its own connector's keys: upsert with the key's {@code id} as primary key, the
 * table created from the record schema, {@code batch.size} records per JDBC batch, {@code JsonConverter} with schemas
 * for keys and values (per connector; the workers' own converters are string converters), and at most
 * {@code batch.size} records per {@code put} (the worker's {@code consumer.max.poll.records}).
 */
final class JdbcSinks {
    /** Where {@code benchmarks/kafka-connect} unpacks Debezium's JDBC sink plugin archive. */
    private static final String DEBEZIUM_PLUGIN = "benchmarks/kafka-connect/target/plugins/debezium-connector-jdbc";
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    /** How a connector's configuration is made for one topic and table. */
    @FunctionalInterface
    interface ConnectorConfig {
        Map<String, String> create(PostgresServer postgres, String database, String topic, String table, int tasks,
                                   int batchSize);
    }

    /** One sink: its worker (classpath, main class, extra worker properties) and its connector configuration. */
    record Sink(String classpath, String mainClass, Map<String, String> workerProperties, ConnectorConfig config) {
        Map<String, String> connectorConfig(PostgresServer postgres, String database, String topic, String table,
                                            int tasks, int batchSize) {
            return config.create(postgres, database, topic, table, tasks, batchSize);
        }
    }

    private JdbcSinks() {
    }

    /**
     * Debezium's JDBC sink in Kafka Connect's standalone worker: Kafka Connect from
     * {@code benchmarks/kafka-connect/target/lib}, the connector isolated in its {@code plugin.path}, as Debezium is
     * deployed.
     */
    static Sink debezium(Path root, int batchSize) throws IOException {
        Path plugin = root.resolve(DEBEZIUM_PLUGIN);
        if (!Files.isDirectory(plugin)) {
            throw new IllegalStateException(plugin + " is missing; run ./mvnw -B -q install -DskipTests -pl "
                + "benchmarks/kafka-connect first");
        }
        return new Sink(ConnectSideBySide.libClasspath(root.resolve("benchmarks/kafka-connect/target"), null),
            "org.apache.kafka.connect.cli.ConnectStandalone",
            Map.of("plugin.path", plugin.getParent().toString(),
                "consumer.max.poll.records", Integer.toString(batchSize)),
            (postgres, database, topic, table, tasks, batch) -> {
                Map<String, String> config = common(topic, tasks);
                config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
                config.put("connection.url", postgres.url(database));
                config.put("connection.username", PostgresServer.SUPERUSER);
                config.put("insert.mode", "upsert");
                config.put("primary.key.mode", "record_key");
                config.put("primary.key.fields", "id");
                config.put("schema.evolution", "basic");
                // Debezium 3 names the table with collection.name.format (table.name.format is its old name).
                config.put("collection.name.format", table);
                config.put("batch.size", Integer.toString(batch));
                return config;
            });
    }

    /** Tributary's JDBC sink ({@code connect-jdbc}) in Tributary's standalone worker, both on the classpath. */
    static Sink tributary(Path root, int batchSize) throws IOException {
        return new Sink(ConnectSideBySide.libClasspath(root.resolve("connect/target"), "tributary-connect-") + ":"
            + ConnectSideBySide.libClasspath(root.resolve("connect-jdbc/target"), "tributary-connect-jdbc-"),
            "io.tributary.connect.runtime.ConnectStandalone",
            Map.of("consumer.max.poll.records", Integer.toString(batchSize)),
            (postgres, database, topic, table, tasks, batch) -> {
                Map<String, String> config = common(topic, tasks);
                config.put("connector.class", "io.tributary.connect.jdbc.JdbcSinkConnector");
                config.put("connection.url", postgres.url(database));
                config.put("connection.user", PostgresServer.SUPERUSER);
                config.put("insert.mode", "upsert");
                config.put("pk.mode", "record_key");
                config.put("pk.fields", "id");
                config.put("auto.create", "true");
                config.put("table.name.format", table);
                config.put("batch.size", Integer.toString(batch));
                return config;
            });
    }

    /** The version of Debezium's JDBC sink in the plugin directory, from its jar's name; "?" if not found. */
    static String debeziumVersion(Path root) throws IOException {
        Path plugin = root.resolve(DEBEZIUM_PLUGIN);
        if (!Files.isDirectory(plugin)) {
            return "?";
        }
        String prefix = "debezium-connector-jdbc-";
        try (Stream<Path> files = Files.list(plugin)) {
            return files.map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                .map(n -> n.substring(prefix.length(), n.length() - ".jar".length()))
                .findFirst()
                .orElse("?");
        }
    }

    /** The keys both connectors share: the runtime's, and the converters. */
    private static Map<String, String> common(String topic, int tasks) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", topic);
        config.put("key.converter", JSON_CONVERTER);
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "true");
        return config;
    }
}
