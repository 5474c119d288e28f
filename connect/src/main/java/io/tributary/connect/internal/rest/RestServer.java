package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.connect.internal.herder.Herder;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Tributary Connect's REST API, compatible with Kafka Connect's, served by Reactor Netty HTTP. Every endpoint asks
 * the {@link Herder} and answers with Kafka Connect's status codes and JSON; request bodies over
 * {@value #MAX_BODY_BYTES} bytes are refused with 413.
 *
 * <pre>{@code
 * RestServer server = RestServer.start(herder, "localhost", 8083).block();
 * // GET server.url() + "connectors" ...
 * server.close().block();
 * }</pre>
 *
 * <p>Handlers run on Reactor Netty's event loops and never block them. Thread-safe. Owned by the worker that starts
 * it, which closes it on shutdown.
 */
public final class RestServer {
    /** The largest request body accepted: 1 MiB, far more than any connector configuration needs. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How long a request may wait for the herder before it is answered 500, as in Kafka Connect: 90 s. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final DisposableServer server;
    private final ChannelGroup connections;
    private final String host;

    private RestServer(DisposableServer server, ChannelGroup connections, String host) {
        this.server = server;
        this.connections = connections;
        this.host = host;
    }

    /**
     * Binds the REST API on {@code host:port}, lazily: nothing binds before subscription.
     *
     * @param port the port, or 0 for any free port ({@link #port()} then tells which)
     * @return the running server; fails if the address cannot be bound
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static Mono<RestServer> start(Herder herder, String host, int port) {
        return start(herder, host, port, REQUEST_TIMEOUT);
    }

    /** {@link #start(Herder, String, int)} with another request timeout, for tests. */
    static Mono<RestServer> start(Herder herder, String host, int port, Duration requestTimeout) {
        requireNonNull(herder, "herder");
        requireNonNull(host, "host");
        requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        return Mono.defer(() -> {
            // Tracks open connections so that close() also ends kept-alive ones, which would otherwise go on
            // reaching the herder after the listener is gone.
            ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            return HttpServer.create()
                .host(host)
                .port(port)
                .channelGroup(connections)
                .handle(new RestDispatcher(routes(herder), MAX_BODY_BYTES, requestTimeout))
                .bind()
                .map(server -> new RestServer(server, connections, host));
        });
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /**
     * The base URL of the API, ending in {@code /} as Kafka Connect's does ({@code http://localhost:8083/}); a
     * wildcard bind address is given as {@code localhost}.
     */
    public String url() {
        String urlHost = host;
        if (urlHost.isEmpty() || "0.0.0.0".equals(urlHost) || "::".equals(urlHost)) {
            urlHost = "localhost";
        } else if (urlHost.contains(":") && !urlHost.startsWith("[")) {
            urlHost = "[" + urlHost + "]";
        }
        return "http://" + urlHost + ":" + port() + "/";
    }

    /**
     * Stops listening and closes every open connection, cutting off requests in flight; completes when all are
     * closed. Lazy and idempotent.
     */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            server.dispose();
            return server.onDispose()
                .then(Mono.<Void>create(sink -> connections.close().addListener(done -> sink.success())));
        });
    }

    private static Router routes(Herder herder) {
        Router router = new Router();
        new RootResource(herder).register(router);
        new ConnectorsResource(herder).register(router);
        new ConnectorTasksResource(herder).register(router);
        new ConnectorOffsetsResource(herder).register(router);
        new ConnectorPluginsResource(herder).register(router);
        return router;
    }
}
