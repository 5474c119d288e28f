package io.tributary.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.tributary.client.internal.ClientMetrics;
import io.tributary.client.internal.PropertyValues;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a Tributary client reaches the cluster: bootstrap servers, client id, timeouts and retry back-off. Immutable;
 * every setter validates its argument and returns a new instance, so one value can serve as a template for many
 * clients. Each role's options ({@code ProducerOptions}, {@code AdminOptions}, ...) embed one.
 *
 * <pre>{@code
 * ClientOptions client = ClientOptions.create("localhost:9092")
 *     .clientId("orders-service")
 *     .requestTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Kafka's property names map onto the typed setters through {@link #fromProperties(Map)}.
 *
 * @since 0.1
 */
public final class ClientOptions {
    private final List<String> bootstrapServers;
    private final String clientId;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration apiTimeout;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;
    private final Duration metadataMaxAge;
    private final int maxResponseBytes;
    private final @Nullable Object meterRegistry;

    private ClientOptions(Draft d) {
        bootstrapServers = List.copyOf(d.bootstrapServers);
        clientId = d.clientId;
        requestTimeout = d.requestTimeout;
        connectTimeout = d.connectTimeout;
        apiTimeout = d.apiTimeout;
        retryBackoff = d.retryBackoff;
        retryBackoffMax = d.retryBackoffMax;
        metadataMaxAge = d.metadataMaxAge;
        maxResponseBytes = d.maxResponseBytes;
        meterRegistry = d.meterRegistry;
    }

    /**
     * Options for the given {@code host:port} bootstrap servers, with Kafka's defaults: request timeout 30 s,
     * connection set-up timeout 10 s, API timeout 60 s, retry back-off 100 ms growing to 1 s, metadata max age 5 min.
     *
     * @throws IllegalArgumentException if no server is given or one is not {@code host:port}
     */
    public static ClientOptions create(String... bootstrapServers) {
        return create(List.of(bootstrapServers));
    }

    /** Options for the given {@code host:port} bootstrap servers; see {@link #create(String...)}. */
    public static ClientOptions create(List<String> bootstrapServers) {
        return new ClientOptions(new Draft()).bootstrapServers(bootstrapServers);
    }

    /**
     * Options from Kafka client properties: {@code bootstrap.servers} (required), {@code client.id},
     * {@code request.timeout.ms}, {@code socket.connection.setup.timeout.ms}, {@code default.api.timeout.ms},
     * {@code retry.backoff.ms}, {@code retry.backoff.max.ms}, {@code metadata.max.age.ms} and
     * {@code max.response.bytes}. Keys of other components are ignored here;
     * each role's {@code fromProperties} rejects keys no component knows.
     *
     * @throws IllegalArgumentException naming the key, if a value does not parse or is out of range
     */
    public static ClientOptions fromProperties(Map<String, ?> properties) {
        requireNonNull(properties, "properties");
        Object servers = properties.get("bootstrap.servers");
        if (servers == null) {
            throw new IllegalArgumentException("bootstrap.servers is required");
        }
        ClientOptions options = create(PropertyValues.list("bootstrap.servers", servers));
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            options = options.applyProperty(e.getKey(), e.getValue());
        }
        return options;
    }

    /** The property names {@link #fromProperties(Map)} understands. */
    public static List<String> propertyNames() {
        return List.of("bootstrap.servers", "client.id", "request.timeout.ms", "socket.connection.setup.timeout.ms",
            "default.api.timeout.ms", "retry.backoff.ms", "retry.backoff.max.ms", "metadata.max.age.ms",
            "max.response.bytes");
    }

    private ClientOptions applyProperty(String key, Object value) {
        return switch (key) {
            case "client.id" -> clientId(String.valueOf(value));
            case "request.timeout.ms" -> requestTimeout(PropertyValues.millis(key, value));
            case "socket.connection.setup.timeout.ms" -> connectTimeout(PropertyValues.millis(key, value));
            case "default.api.timeout.ms" -> apiTimeout(PropertyValues.millis(key, value));
            case "retry.backoff.ms" -> retryBackoff(PropertyValues.millis(key, value));
            case "retry.backoff.max.ms" -> retryBackoffMax(PropertyValues.millis(key, value));
            case "metadata.max.age.ms" -> metadataMaxAge(PropertyValues.millis(key, value));
            case "max.response.bytes" -> maxResponseBytes(PropertyValues.integer(key, value));
            default -> this;
        };
    }

    /** The {@code host:port} servers to learn the cluster from ({@code bootstrap.servers}). */
    public ClientOptions bootstrapServers(List<String> servers) {
        requireNonNull(servers, "servers");
        List<String> cleaned = new ArrayList<>();
        for (String s : servers) {
            String server = requireNonNull(s, "server").trim();
            if (server.isEmpty()) {
                continue;
            }
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || colon == server.length() - 1) {
                throw new IllegalArgumentException("bootstrap.servers: '" + server + "' is not host:port");
            }
            PropertyValues.port("bootstrap.servers", server.substring(colon + 1));
            cleaned.add(server);
        }
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("bootstrap.servers must name at least one host:port");
        }
        return copy(d -> d.bootstrapServers = cleaned);
    }

    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** The id sent with every request, shown in broker logs and quotas ({@code client.id}, default "tributary"). */
    public ClientOptions clientId(String clientId) {
        requireNonNull(clientId, "clientId");
        return copy(d -> d.clientId = clientId);
    }

    public String clientId() {
        return clientId;
    }

    /** How long one request waits for its response before the connection is closed ({@code request.timeout.ms}). */
    public ClientOptions requestTimeout(Duration timeout) {
        Duration t = positive("requestTimeout", timeout);
        return copy(d -> d.requestTimeout = t);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a TCP connection may take to open ({@code socket.connection.setup.timeout.ms}, default 10 s). */
    public ClientOptions connectTimeout(Duration timeout) {
        Duration t = positive("connectTimeout", timeout);
        return copy(d -> d.connectTimeout = t);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The bound on one client operation including its retries ({@code default.api.timeout.ms}, default 60 s): an
     * unreachable cluster fails the operation after this long, with the last error as the cause.
     */
    public ClientOptions apiTimeout(Duration timeout) {
        Duration t = positive("apiTimeout", timeout);
        return copy(d -> d.apiTimeout = t);
    }

    public Duration apiTimeout() {
        return apiTimeout;
    }

    /** The first wait before retrying a retriable failure ({@code retry.backoff.ms}, default 100 ms). */
    public ClientOptions retryBackoff(Duration backoff) {
        Duration b = positive("retryBackoff", backoff);
        return copy(d -> d.retryBackoff = b);
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** The longest wait between retries, reached by exponential growth ({@code retry.backoff.max.ms}, 1 s). */
    public ClientOptions retryBackoffMax(Duration backoff) {
        Duration b = positive("retryBackoffMax", backoff);
        return copy(d -> d.retryBackoffMax = b);
    }

    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    /** How old cached metadata may grow before it is refreshed anyway ({@code metadata.max.age.ms}, 5 min). */
    public ClientOptions metadataMaxAge(Duration age) {
        Duration a = positive("metadataMaxAge", age);
        return copy(d -> d.metadataMaxAge = a);
    }

    public Duration metadataMaxAge() {
        return metadataMaxAge;
    }

    /** The largest response frame accepted from a broker (default 100 MiB); larger ones close the connection. */
    public ClientOptions maxResponseBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + bytes);
        }
        return copy(d -> d.maxResponseBytes = bytes);
    }

    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * A Micrometer {@code MeterRegistry} to publish client metrics to (requests, errors, latency per API, bytes
     * sent). Typed as {@code Object} so that Micrometer stays an optional dependency.
     *
     * @throws IllegalArgumentException if {@code registry} is not a Micrometer {@code MeterRegistry}
     */
    public ClientOptions meterRegistry(Object registry) {
        requireNonNull(registry, "registry");
        if (!ClientMetrics.isMeterRegistry(registry)) {
            throw new IllegalArgumentException("meterRegistry must be a Micrometer MeterRegistry, was "
                + registry.getClass().getName());
        }
        return copy(d -> d.meterRegistry = registry);
    }

    public @Nullable Object meterRegistry() {
        return meterRegistry;
    }

    private static Duration positive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private ClientOptions copy(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new ClientOptions(d);
    }

    @Override
    public String toString() {
        return "ClientOptions{bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", requestTimeout="
            + requestTimeout + ", apiTimeout=" + apiTimeout + "}";
    }

    private static final class Draft {
        private List<String> bootstrapServers = List.of();
        private String clientId = "tributary";
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration apiTimeout = Duration.ofSeconds(60);
        private Duration retryBackoff = Duration.ofMillis(100);
        private Duration retryBackoffMax = Duration.ofSeconds(1);
        private Duration metadataMaxAge = Duration.ofMinutes(5);
        private int maxResponseBytes = 100 * 1024 * 1024;
        private @Nullable Object meterRegistry;

        private Draft() {
        }

        private Draft(ClientOptions o) {
            bootstrapServers = o.bootstrapServers;
            clientId = o.clientId;
            requestTimeout = o.requestTimeout;
            connectTimeout = o.connectTimeout;
            apiTimeout = o.apiTimeout;
            retryBackoff = o.retryBackoff;
            retryBackoffMax = o.retryBackoffMax;
            metadataMaxAge = o.metadataMaxAge;
            maxResponseBytes = o.maxResponseBytes;
            meterRegistry = o.meterRegistry;
        }
    }
}
