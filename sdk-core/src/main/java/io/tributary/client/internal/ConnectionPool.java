package io.tributary.client.internal;

import io.tributary.client.ClientOptions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * At most one live connection per broker address and lane, opened on first use and reopened on the next use after
 * it closed or failed to open (the caller's retry back-off spaces the attempts). Coordinator requests get a lane of
 * their own, as kafka-clients does: a broker answers a connection's requests in order, so a heartbeat or commit
 * would otherwise wait behind a Fetch that long-polls for {@code fetch.max.wait.ms}. Thread-safe. Owned by
 * {@link ClientRuntime}.
 */
final class ConnectionPool {
    private final ClientOptions options;
    private final ClientMetrics metrics;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ConnectionPool(ClientOptions options, ClientMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    /** What a connection carries: anything, or only a coordinator's requests. */
    enum Lane { DEFAULT, COORDINATOR }

    /** The connection to {@code node}, opening one if there is none or the last one closed. */
    Mono<BrokerConnection> get(Node node) {
        return get(node, Lane.DEFAULT);
    }

    /** The connection to {@code node} for requests of {@code lane}. */
    Mono<BrokerConnection> get(Node node, Lane lane) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new IllegalStateException("The client is closed"));
            }
            String key = lane == Lane.DEFAULT ? node.address() : lane + "/" + node.address();
            return slots.compute(key, (k, old) -> old == null || old.dead() ? new Slot(node) : old).connection;
        });
    }

    /** The open connection with the fewest requests in flight, if any is open. */
    Optional<BrokerConnection> leastLoaded() {
        return slots.values().stream()
            .map(s -> s.open)
            .filter(c -> c != null && !c.isClosed())
            .min(Comparator.comparingInt(BrokerConnection::inFlight));
    }

    void close() {
        closed = true;
        for (Slot s : slots.values()) {
            BrokerConnection c = s.open;
            if (c != null) {
                c.close();
            }
        }
        slots.clear();
    }

    private final class Slot {
        private final Mono<BrokerConnection> connection;
        private volatile BrokerConnection open;
        private volatile boolean failed;

        private Slot(Node node) {
            this.connection = BrokerConnection.open(node, options, metrics)
                .doOnNext(c -> open = c)
                .doOnError(e -> failed = true)
                .cache();
        }

        private boolean dead() {
            BrokerConnection c = open;
            return failed || (c != null && c.isClosed());
        }
    }
}
