package io.tributary.broker;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.Directories;
import io.tributary.broker.internal.Broker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Tributary broker running inside this JVM, on the same code path as the server: for tests and local development.
 * By default it listens on a free port of {@code localhost} and keeps its data in a temporary directory that
 * {@link #close()} deletes.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
 *     String bootstrap = broker.bootstrapServers();   // e.g. "localhost:53517"
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} blocks until the broker accepts connections (typically well under a second).
 *
 * @since 0.1
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final BrokerConfig config;
    private final @Nullable Path temporaryDir;
    private @Nullable Broker broker;
    private @Nullable InetSocketAddress address;

    private EmbeddedBroker(BrokerConfig config, @Nullable Path temporaryDir) {
        this.config = config;
        this.temporaryDir = temporaryDir;
    }

    /** A broker on a free port of localhost with a temporary data directory. */
    public static EmbeddedBroker create() {
        return create(BrokerConfig.defaults());
    }

    /**
     * A broker with the given configuration. Unless the configuration sets them, the listener is a free port on
     * localhost and the data directory a temporary one, deleted on close.
     */
    public static EmbeddedBroker create(BrokerConfig config) {
        requireNonNull(config, "config");
        BrokerConfig effective = config;
        if (!config.isSet("listeners")) {
            effective = effective.listener("localhost", 0);
        }
        Path temp = null;
        if (!config.isSet("log.dirs") && !config.isSet("log.dir")) {
            try {
                temp = Files.createTempDirectory("tributary-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary data directory", e);
            }
            effective = effective.logDir(temp);
        }
        return new EmbeddedBroker(effective, temp);
    }

    /** Starts the broker and returns this; blocks until it accepts connections. */
    public synchronized EmbeddedBroker start() {
        if (broker != null) {
            throw new IllegalStateException("Broker already started");
        }
        Broker b = new Broker(config);
        address = b.start();
        broker = b;
        return this;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port();
    }

    /** The port the broker listens on. */
    public synchronized int port() {
        if (address == null) {
            throw new IllegalStateException("Broker not started");
        }
        return address.getPort();
    }

    /**
     * The built-in schema registry's base URL, {@code http://localhost:<port>}; the registry runs when
     * {@code schema.registry.listeners} is set (for example to {@code http://127.0.0.1:0}).
     *
     * @throws IllegalStateException if the broker is not started or runs no registry
     */
    public synchronized String schemaRegistryUrl() {
        if (broker == null) {
            throw new IllegalStateException("Broker not started");
        }
        return broker.registryAddress()
            .map(a -> "http://localhost:" + a.getPort())
            .orElseThrow(() -> new IllegalStateException("No schema registry: set schema.registry.listeners"));
    }

    /**
     * Creates a topic, as CreateTopics would.
     *
     * @throws io.tributary.errors.ApiException if the name is taken or invalid, or a config is invalid
     */
    public EmbeddedBroker createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with config overrides (Kafka topic config names), as CreateTopics would.
     *
     * @throws io.tributary.errors.ApiException if the name is taken or invalid, or a config is invalid
     */
    public synchronized EmbeddedBroker createTopic(String name, int partitions, Map<String, String> configs) {
        requireNonNull(name, "name");
        requireNonNull(configs, "configs");
        if (broker == null) {
            throw new IllegalStateException("Broker not started");
        }
        broker.context().topics().create(name, partitions, configs);
        return this;
    }

    /** The data directory. */
    public Path logDir() {
        return config.logDir();
    }

    public BrokerConfig config() {
        return config;
    }

    /** Stops the broker; restarting with {@link #start()} reopens the same data directory. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Stops the broker and deletes its data directory if it was temporary. */
    @Override
    public synchronized void close() {
        stop();
        if (temporaryDir != null) {
            deleteRecursively(temporaryDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
