package io.tributary.connect.runtime;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.internal.distributed.DistributedHerder;
import io.tributary.connect.internal.distributed.DistributedSettings;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.rest.RestServer;
import io.tributary.connect.internal.runtime.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A distributed Connect worker: one of a group of workers ({@code group.id}) that share connectors and tasks,
 * keeping configurations, source offsets and statuses in Kafka topics ({@code config.storage.topic},
 * {@code offset.storage.topic}, {@code status.storage.topic}). Connectors are managed through the REST API of any
 * worker. When a worker joins or leaves, the group rebalances incrementally: running tasks stay where they run, a
 * new worker takes over its share, and the work of a departed worker moves after
 * {@code scheduled.rebalance.max.delay.ms}. Takes the standalone worker's properties (without the offsets file)
 * plus those of {@link DistributedSettings}.
 *
 * <pre>{@code
 * java -cp ... io.tributary.connect.runtime.ConnectDistributed worker.properties
 * curl -X POST -H 'Content-Type: application/json' localhost:8083/connectors -d @connector.json
 * }</pre>
 *
 * @since 0.1
 */
public final class ConnectDistributed {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectDistributed.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final DistributedHerder herder;
    private final RestServer rest;
    private final AtomicReference<@Nullable Mono<Void>> closing = new AtomicReference<>();

    private ConnectDistributed(DistributedHerder herder, RestServer rest) {
        this.herder = herder;
        this.rest = rest;
    }

    /**
     * Starts a worker with these properties and joins its group; lazy. Completes once the topics are read and the
     * REST API listens; the first assignment follows in the background.
     *
     * @return the running worker; fails with a {@link ConfigException} naming a missing or invalid setting
     */
    public static Mono<ConnectDistributed> start(Map<String, String> workerProperties) {
        return Mono.fromCallable(() -> prepare(Map.copyOf(workerProperties)))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(p -> RestServer.start(p.herder(), p.listener().getHost(), p.listener().getPort())
                .flatMap(server -> {
                    String id = p.listener().getHost() + ":" + server.port();
                    return p.herder().start(id).thenReturn(new ConnectDistributed(p.herder(), server));
                }));
    }

    /** {@link #start(Map)}, waiting for it (at most a minute). Not for event-loop threads. */
    public static ConnectDistributed startNow(Map<String, String> workerProperties) {
        ConnectDistributed started = start(workerProperties).block(Duration.ofMinutes(1));
        if (started == null) {
            throw new IllegalStateException("The worker did not start");
        }
        return started;
    }

    private record Prepared(DistributedHerder herder, URI listener) {
    }

    private static Prepared prepare(Map<String, String> props) {
        DistributedSettings settings = DistributedSettings.parse(props);
        Map<String, String> rest = new java.util.HashMap<>(props);
        DistributedSettings.CONFIG.names().forEach(rest::remove);
        WorkerConfig config = new WorkerConfig(rest);
        ConnectStandalone.checkClientSettings(config);
        URI listener = ConnectStandalone.listener(config.listeners());
        if (listener == null) {
            throw new ConfigException(WorkerConfig.LISTENERS, "", "A distributed worker needs a REST listener");
        }
        Plugins plugins = Plugins.scan(config.pluginPath());
        ClientOptions client = ClientOptions.fromProperties(config.adminProperties());
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.fromProperties(config.adminProperties()));
        return new Prepared(DistributedHerder.create(settings, config, plugins, client, admin), listener);
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

    /** The REST API's base URL, ending in {@code /}. */
    public String restUrl() {
        return rest.url();
    }

    /** Stops this worker's tasks (committing offsets), leaves the group, stops the REST API; lazy, idempotent. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            Mono<Void> shutdown = herder.stop()
                .then(rest.close().onErrorResume(e -> Mono.empty()))
                .doOnSuccess(v -> LOG.info("Distributed worker stopped"))
                .cache();
            return closing.compareAndSet(null, shutdown) ? shutdown : closing.get();
        });
    }

    /** {@link #close()}, waiting at most a minute. Not for event-loop threads. */
    public void closeNow() {
        close().block(CLOSE_TIMEOUT);
    }

    /**
     * For failover tests: stops as a crashed process would, without committing or leaving the group, which
     * notices only after its session time-out.
     */
    Mono<Void> crash() {
        return herder.halt().then(rest.close().onErrorResume(e -> Mono.empty()));
    }

    /** For zombie tests: stops heartbeating without leaving the group, its tasks still running. */
    Mono<Void> isolate() {
        return herder.isolate();
    }

    /** Runs a worker from {@code worker.properties} until the process is stopped. */
    public static void main(String[] args) {
        if (args.length != 1 || args[0].equals("--help")) {
            System.err.println("Usage: ConnectDistributed worker.properties");
            System.exit(1);
        }
        try {
            ConnectDistributed connect = startNow(ConnectStandalone.read(Path.of(args[0])));
            Runtime.getRuntime().addShutdownHook(new Thread(connect::closeNow, "connect-shutdown"));
            LOG.info("Distributed worker listening on {}", connect.restUrl());
        } catch (RuntimeException | IOException e) {
            LOG.error("The worker could not start", e);
            System.exit(1);
        }
        ConnectStandalone.runUntilStopped();
    }
}
