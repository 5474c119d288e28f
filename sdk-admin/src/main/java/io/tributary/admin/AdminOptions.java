package io.tributary.admin;

import static java.util.Objects.requireNonNull;

import io.tributary.client.ClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * How a {@link TributaryAdmin} reaches the cluster and how long its calls may take. Immutable; every setter validates
 * its argument and returns a new instance, so one value can serve as a template.
 *
 * <pre>{@code
 * AdminOptions options = AdminOptions.create(ClientOptions.create("localhost:9092").clientId("ops"))
 *     .operationTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Connection settings (bootstrap servers, request and API timeouts, retry back-off) live in the embedded
 * {@link ClientOptions}; {@link ClientOptions#apiTimeout()} bounds each call including its retries.
 *
 * @since 0.1
 */
public final class AdminOptions {
    private final ClientOptions client;
    private final Duration operationTimeout;
    private final Duration closeTimeout;

    private AdminOptions(Draft d) {
        client = d.client;
        operationTimeout = d.operationTimeout;
        closeTimeout = d.closeTimeout;
    }

    /** Options around {@code client}, with a 30 s operation timeout and a 30 s close timeout. */
    public static AdminOptions create(ClientOptions client) {
        return new AdminOptions(new Draft(requireNonNull(client, "client")));
    }

    /**
     * Options from Kafka admin client properties: the keys of {@link ClientOptions#fromProperties(Map)}
     * ({@code bootstrap.servers} is required). The admin client has no settings of its own under Kafka names.
     *
     * @throws IllegalArgumentException naming every unknown key, or naming the key whose value is invalid
     */
    public static AdminOptions fromProperties(Map<String, ?> properties) {
        requireNonNull(properties, "properties");
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (!propertyNames().contains(requireNonNull(key, "property name"))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String noun = unknown.size() == 1 ? "property " : "properties ";
            throw new IllegalArgumentException("Unknown admin client " + noun + String.join(", ", unknown)
                + "; known ones are " + propertyNames());
        }
        return create(ClientOptions.fromProperties(properties));
    }

    /** The property names {@link #fromProperties(Map)} understands. */
    public static List<String> propertyNames() {
        return ClientOptions.propertyNames();
    }

    /** The connection settings. */
    public AdminOptions client(ClientOptions options) {
        requireNonNull(options, "options");
        return copy(d -> d.client = options);
    }

    public ClientOptions client() {
        return client;
    }

    /**
     * How long a broker may work on a topic creation or deletion, a partition increase or a record deletion before
     * it answers {@code REQUEST_TIMED_OUT} (the request's {@code timeoutMs}; default 30 s). Capped at the client's
     * request timeout, so that the answer arrives before the client stops waiting.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive or exceeds {@code Integer.MAX_VALUE} ms
     */
    public AdminOptions operationTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("operationTimeout must be positive and at most "
                + Integer.MAX_VALUE + " ms, was " + timeout);
        }
        return copy(d -> d.operationTimeout = timeout);
    }

    public Duration operationTimeout() {
        return operationTimeout;
    }

    /**
     * How long {@link TributaryAdmin#close()} waits for calls in flight before it closes the connections anyway
     * (default 30 s).
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public AdminOptions closeTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
        }
        return copy(d -> d.closeTimeout = timeout);
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    private AdminOptions copy(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new AdminOptions(d);
    }

    @Override
    public String toString() {
        return "AdminOptions{client=" + client + ", operationTimeout=" + operationTimeout + ", closeTimeout="
            + closeTimeout + "}";
    }

    private static final class Draft {
        private ClientOptions client;
        private Duration operationTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Draft(ClientOptions client) {
            this.client = client;
        }

        private Draft(AdminOptions o) {
            client = o.client;
            operationTimeout = o.operationTimeout;
            closeTimeout = o.closeTimeout;
        }
    }
}
