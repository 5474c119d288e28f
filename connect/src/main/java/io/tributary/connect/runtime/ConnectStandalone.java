package io.tributary.connect.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.rest.RestServer;
import io.tributary.connect.internal.runtime.StatusStore;
import io.tributary.connect.internal.runtime.Worker;
import io.tributary.connect.internal.runtime.WorkerConfig;
import io.tributary.connect.internal.standalone.StandaloneHerder;
import io.tributary.connect.internal.storage.FileOffsetStore;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.producer.ProducerOptions;
import io.tributary.serdes.Serdes;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A standalone Connect worker: connectors, their tasks and the REST API in this process, source offsets in a local
 * file. Takes Kafka Connect's worker properties ({@code bootstrap.servers}, {@code key.converter},
 * {@code value.converter}, {@code offset.storage.file.filename}, {@code offset.flush.interval.ms},
 * {@code plugin.path}, {@code listeners} (default {@code http://localhost:8083}; empty for no REST API),
 * {@code producer.*}, {@code consumer.*}, {@code admin.*}).
 *
 * <p>From the command line, as {@code connect-standalone.sh}:
 * <pre>{@code
 * java -cp ... io.tributary.connect.runtime.ConnectStandalone worker.properties source.properties sink.json
 * }</pre>
 *
 * <p>Embedded:
 * <pre>{@code
 * ConnectStandalone connect = ConnectStandalone.start(Map.of(
 *         "bootstrap.servers", "localhost:9092",
 *         "key.converter", "StringConverter", "value.converter", "StringConverter",
 *         "offset.storage.file.filename", "/tmp/connect.offsets",
 *         "listeners", "http://localhost:0"))
 *     .block();
 * connect.createConnector(Map.of("name", "lines", "connector.class", "FileStreamSource",
 *         "file", "/tmp/in.txt", "topic", "lines")).block();
 * System.out.println(connect.restUrl());
 * connect.closeNow();
 * }</pre>
 *
 * <p>Thread-safe. Closing stops every task (committing its offsets), then the REST API and the offsets file.
 *
 * @since 0.1
 */
public final class ConnectStandalone {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectStandalone.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandaloneHerder herder;
    private final FileOffsetStore offsets;
    private final @Nullable RestServer rest;
    private final AtomicReference<@Nullable Mono<Void>> closing = new AtomicReference<>();

    private ConnectStandalone(StandaloneHerder herder, FileOffsetStore offsets, @Nullable RestServer rest) {
        this.herder = herder;
        this.offsets = offsets;
        this.rest = rest;
    }

    /**
     * Starts a worker with these properties; lazy. Plugins are scanned and the offsets file is read on
     * {@code boundedElastic}.
     *
     * @return the running worker; fails with a {@link ConfigException} naming a missing or invalid setting
     */
    public static Mono<ConnectStandalone> start(Map<String, String> workerProperties) {
        return Mono.fromCallable(() -> prepare(Map.copyOf(workerProperties)))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(ConnectStandalone::started);
    }

    /** {@link #start(Map)}, waiting for it (at most a minute). Not for event-loop threads. */
    public static ConnectStandalone startNow(Map<String, String> workerProperties) {
        ConnectStandalone started = start(workerProperties).block(Duration.ofMinutes(1));
        if (started == null) {
            throw new IllegalStateException("The worker did not start");
        }
        return started;
    }

    /** A worker built but not yet started. */
    private record Prepared(WorkerConfig config, Worker worker, FileOffsetStore offsets, StandaloneHerder herder,
                            @Nullable URI listener) {
    }

    private static Prepared prepare(Map<String, String> props) {
        WorkerConfig config = new WorkerConfig(props);
        Path file = config.offsetStorageFile();
        if (file == null) {
            throw new ConfigException("Missing required configuration \"" + WorkerConfig.OFFSET_STORAGE_FILE
                + "\" which has no default value.");
        }
        checkClientSettings(config);
        if ("enabled".equals(props.get("exactly.once.source.support"))) {
            // As in Kafka Connect: exactly-once needs the offsets in a topic, which only distributed workers keep.
            LOG.warn("exactly.once.source.support applies to distributed workers only; this standalone worker "
                + "delivers source records at least once");
        }
        URI listener = listener(config.listeners());
        String workerId = listener == null ? "standalone" : listener.getHost() + ":" + listener.getPort();
        Plugins plugins = Plugins.scan(config.pluginPath());
        FileOffsetStore offsets = new FileOffsetStore(file);
        AtomicReference<@Nullable StandaloneHerder> herderRef = new AtomicReference<>();
        Worker worker = new Worker(config, plugins, offsets, new StatusStore(() -> {
            StandaloneHerder h = herderRef.get();
            return h == null ? workerId : h.workerId();
        }));
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.fromProperties(config.adminProperties()));
        StandaloneHerder herder = new StandaloneHerder(worker, admin, workerId);
        herderRef.set(herder);
        return new Prepared(config, worker, offsets, herder, listener);
    }

    private static Mono<ConnectStandalone> started(Prepared p) {
        Mono<@Nullable RestServer> rest = p.listener() == null ? Mono.empty()
            : RestServer.start(p.herder(), p.listener().getHost(), p.listener().getPort());
        return p.offsets().start()
            .then(rest.map(server -> {
                p.herder().workerId(p.listener().getHost() + ":" + server.port());
                return new ConnectStandalone(p.herder(), p.offsets(), server);
            }).defaultIfEmpty(new ConnectStandalone(p.herder(), p.offsets(), null)))
            .doOnNext(c -> LOG.info("Standalone worker {} started", c.herder.workerId()));
    }

    /** Fails early on client settings the SDK does not accept, rather than in each task. */
    static void checkClientSettings(WorkerConfig config) {
        try {
            ProducerOptions.fromProperties(config.producerProperties(), Serdes.byteArray().serializer(),
                Serdes.byteArray().serializer());
            ConsumerOptions.fromProperties(config.consumerProperties(), Serdes.byteArray().deserializer(),
                Serdes.byteArray().deserializer());
            AdminOptions.fromProperties(config.adminProperties());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid client settings: " + e.getMessage());
        }
    }

    static @Nullable URI listener(List<String> listeners) {
        String first = listeners.stream().filter(l -> !l.isBlank()).findFirst().orElse(null);
        if (first == null) {
            return null;
        }
        URI uri = URI.create(first.trim());
        if (!"http".equals(uri.getScheme())) {
            throw new ConfigException(WorkerConfig.LISTENERS, first, "Only http:// listeners are supported");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        return URI.create("http://" + host + ":" + (uri.getPort() < 0 ? 8083 : uri.getPort()));
    }

    /** The herder of this worker's connectors, for tests of this package. */
    Herder herder() {
        return herder;
    }

    /**
     * The state of a connector and its tasks, as {@code GET /connectors/{name}/status} shows it; fails if there is
     * no such connector.
     */
    public Mono<ConnectorStatus> status(String name) {
        return herder.connectorStatus(name);
    }

    /** The REST API's base URL, ending in {@code /}; null if {@code listeners} was empty. */
    public @Nullable String restUrl() {
        return rest == null ? null : rest.url();
    }

    /**
     * Creates a connector from its configuration ({@code name}, {@code connector.class} and its settings); lazy.
     * Fails if it exists already or its configuration is invalid (the message lists every error).
     */
    public Mono<Void> createConnector(Map<String, String> config) {
        return Mono.defer(() -> {
            String name = config.get("name");
            if (name == null || name.isBlank()) {
                return Mono.error(new ConfigException("A connector configuration needs a 'name'"));
            }
            return herder.putConnectorConfig(name, config, null, false).then();
        });
    }

    /** Stops every connector (committing offsets), the REST API and the offsets file; lazy and idempotent. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            Mono<Void> shutdown = (rest == null ? Mono.<Void>empty() : rest.close().onErrorResume(e -> Mono.empty()))
                .then(herder.stop())
                .then(offsets.stop())
                .doOnSuccess(v -> LOG.info("Standalone worker stopped"))
                .cache();
            return closing.compareAndSet(null, shutdown) ? shutdown : closing.get();
        });
    }

    /** {@link #close()}, waiting at most a minute. Not for event-loop threads. */
    public void closeNow() {
        close().block(CLOSE_TIMEOUT);
    }

    /**
     * Runs a worker from {@code worker.properties} and creates the connectors of the files after it (Java
     * properties, or JSON as {@code {"name": ..., "config": {...}}} or a flat object); stops on shutdown.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args[0].equals("--help")) {
            System.err.println("Usage: ConnectStandalone worker.properties [connector1.properties connector2.json "
                + "...]");
            System.exit(1);
        }
        try {
            ConnectStandalone connect = startNow(read(Path.of(args[0])));
            Runtime.getRuntime().addShutdownHook(new Thread(connect::closeNow, "connect-shutdown"));
            for (int i = 1; i < args.length; i++) {
                Map<String, String> config = read(Path.of(args[i]));
                connect.createConnector(config).block(Duration.ofMinutes(2));
                LOG.info("Created connector {}", config.get("name"));
            }
        } catch (RuntimeException | IOException e) {
            LOG.error("Stopping after connector creation failure", e);
            System.exit(1);
        }
        runUntilStopped();
    }

    /**
     * Keeps {@code main} from returning: every other thread is a daemon, so the JVM would exit and its shutdown
     * hook would stop the worker. A signal (Ctrl-C, SIGTERM) runs the hook and ends the process.
     */
    static void runUntilStopped() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A properties or JSON file as a string map. */
    static Map<String, String> read(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> json = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
            });
            Map<String, String> out = new HashMap<>();
            Object nested = json.get("config");
            if (nested instanceof Map<?, ?> config) {
                config.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
                if (json.get("name") != null) {
                    out.putIfAbsent("name", String.valueOf(json.get("name")));
                }
            } else {
                json.forEach((k, v) -> out.put(k, String.valueOf(v)));
            }
            return out;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        Map<String, String> out = new HashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
