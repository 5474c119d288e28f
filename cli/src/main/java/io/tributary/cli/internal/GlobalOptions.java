package io.tributary.cli.internal;

import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.producer.ProducerOptions;
import io.tributary.serdes.Serdes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every client command takes, mixed into each of them: where the cluster is, Kafka client properties,
 * the output format, the API timeout and verbosity. Builds the SDK's options from them: the properties of
 * {@code --command-config} first, then {@code --bootstrap-server} and {@code --api-timeout-ms} on top.
 */
public final class GlobalOptions {
    /** Where clients connect when neither {@code --bootstrap-server} nor the command config says. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** How long one admin call or metadata wait may take unless configured (Kafka's is 60 s; a CLI waits less). */
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]",
        description = "The broker(s) to connect to (default: " + DEFAULT_BOOTSTRAP + ", or bootstrap.servers of "
            + "--command-config).")
    private @Nullable String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
        description = "Kafka client properties (bootstrap.servers, client.id, request.timeout.ms, ...; producer and "
            + "consumer properties for produce, consume and perf).")
    private @Nullable Path commandConfig;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
        description = "table or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat output = OutputFormat.TABLE;

    @Option(names = "--api-timeout-ms", paramLabel = "MS",
        description = "How long one call to the cluster may take, retries included (default.api.timeout.ms; "
            + "default: 30000). An unreachable cluster fails after this long.")
    private @Nullable Long apiTimeoutMs;

    @Option(names = {"-v", "--verbose"}, description = "Log at INFO and print stack traces of errors.")
    private boolean verbose;

    /** The properties of {@code --command-config}, read once. */
    private @Nullable Map<String, String> fileProperties;

    public OutputFormat output() {
        return output;
    }

    public boolean verbose() {
        return verbose;
    }

    /**
     * The client properties: those of {@code --command-config}, with the effective {@code bootstrap.servers} and
     * {@code default.api.timeout.ms}; {@code client.id} defaults to {@code tributary-cli}; request and connection
     * set-up timeouts are capped at the API timeout, so that an unreachable cluster fails within it.
     */
    public Map<String, String> properties() {
        Map<String, String> file = commandConfigProperties();
        Map<String, String> props = new LinkedHashMap<>(file);
        if (bootstrapServer != null || !props.containsKey("bootstrap.servers")) {
            props.put("bootstrap.servers", bootstrapServer != null ? bootstrapServer : DEFAULT_BOOTSTRAP);
        }
        props.putIfAbsent("client.id", "tributary-cli");
        ClientOptions configured = ClientOptions.fromProperties(props);
        long api = apiTimeoutMs != null ? apiTimeoutMs
            : file.containsKey("default.api.timeout.ms") ? configured.apiTimeout().toMillis()
            : DEFAULT_API_TIMEOUT.toMillis();
        if (api <= 0) {
            throw new IllegalArgumentException("--api-timeout-ms must be positive, was " + api);
        }
        props.put("default.api.timeout.ms", Long.toString(api));
        props.put("request.timeout.ms", Long.toString(Math.min(api, configured.requestTimeout().toMillis())));
        props.put("socket.connection.setup.timeout.ms",
            Long.toString(Math.min(api, configured.connectTimeout().toMillis())));
        return props;
    }

    /** The API timeout: {@code --api-timeout-ms}, else {@code default.api.timeout.ms} of the config, else 30 s. */
    public Duration apiTimeout() {
        return Duration.ofMillis(Long.parseLong(properties().get("default.api.timeout.ms")));
    }

    /** Connection settings from {@link #properties()}. */
    public ClientOptions clientOptions() {
        return ClientOptions.fromProperties(properties());
    }

    /** Producer options from the properties, of raw bytes; waiting for metadata is bounded by the API timeout. */
    public ProducerOptions<byte[], byte[]> producerOptions() {
        Map<String, String> props = properties();
        props.putIfAbsent("max.block.ms", props.get("default.api.timeout.ms"));
        return ProducerOptions.fromProperties(props, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
    }

    /**
     * Consumer options from the properties, of raw bytes, with {@code clientId} unless the command config names a
     * {@code client.id}; the caller adds a subscription or an assignment.
     */
    public ConsumerOptions<byte[], byte[]> consumerOptions(String clientId) {
        Map<String, String> props = properties();
        if (!commandConfigProperties().containsKey("client.id")) {
            props.put("client.id", clientId);
        }
        return ConsumerOptions.fromProperties(props, Serdes.byteArray().deserializer(),
            Serdes.byteArray().deserializer());
    }

    private Map<String, String> commandConfigProperties() {
        if (fileProperties == null) {
            fileProperties = commandConfig == null ? Map.of() : read(commandConfig);
        }
        return fileProperties;
    }

    private static Map<String, String> read(Path commandConfig) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--command-config: no such file " + commandConfig);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --command-config " + commandConfig, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            map.put(name, p.getProperty(name).trim());
        }
        return map;
    }
}
