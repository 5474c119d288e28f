package io.tributary.client.internal;

import io.tributary.client.ClientOptions;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * At most one live connection per broker address, opened on first use and reopened on the next use after it
 * closed or failed to open (the caller's retry back-off spaces the attempts). Thread-safe. Owned by
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

    /** The connection to {@code node}, opening one if there is none or the last one closed. */
    Mono<BrokerConnection> get(Node node) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new IllegalStateException("The client is closed"));
            }
            return slots.compute(node.address(), (address, old) -> old == null || old.dead() ? new Slot(node) : old)
                .connection;
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
