package io.tributary.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.client.ClientOptions;
import io.tributary.errors.RetriableException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ApiMessages;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.Frames;
import io.tributary.protocol.RequestHeaders;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.ProduceRequest;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * One TCP connection to one broker, on Reactor Netty. Requests are pipelined: each gets the next correlation id and
 * is written at once; responses are matched to requests by correlation id. The first request on a new connection is
 * ApiVersions, and every later request is sent in the highest version both sides speak.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread; writes are queued on the connection's event loop in
 * call order. Response {@code Mono}s complete on that event loop. A request unanswered after the request timeout
 * fails with {@code REQUEST_TIMED_OUT} and closes the connection (as Kafka's clients do: the broker may be stuck);
 * closing fails every pending request with a retriable {@code NETWORK_EXCEPTION}. Owned by {@link ConnectionPool}.
 */
public final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final short API_VERSIONS_VERSION = 3;
    private static final long SWEEP_MILLIS = 100;

    private final Node node;
    private final Connection connection;
    private final Channel channel;
    private final String clientId;
    private final long requestTimeoutNanos;
    private final ClientMetrics metrics;
    private final AtomicInteger correlationIds = new AtomicInteger();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeper;
    private volatile ApiVersionsTable versions;
    private volatile boolean closed;

    private BrokerConnection(Node node, Connection connection, ClientOptions options, ClientMetrics metrics) {
        this.node = node;
        this.connection = connection;
        this.channel = connection.channel();
        this.clientId = options.clientId();
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.metrics = metrics;
        this.sweeper = channel.eventLoop().scheduleAtFixedRate(this::expireTimedOut, SWEEP_MILLIS, SWEEP_MILLIS,
            TimeUnit.MILLISECONDS);
        connection.onDispose(this::onClosed);
        connection.inbound().receive().subscribe(this::onFrame, e -> {
            LOG.debug("Connection to {} failed", node.address(), e);
            connection.dispose();
        });
    }

    /**
     * Opens a connection to {@code node} and negotiates API versions; lazy. Fails with a retriable
     * {@code NETWORK_EXCEPTION} when the broker cannot be reached within the connect timeout.
     */
    public static Mono<BrokerConnection> open(Node node, ClientOptions options, ClientMetrics metrics) {
        return TcpClient.newConnection()
            .runOn(ClientLoops.get())
            .remoteAddress(() -> InetSocketAddress.createUnresolved(node.host(), node.port()))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                options.connectTimeout().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .doOnConnected(c -> c.addHandlerLast("kafka-frames",
                new FrameDecoder(options.maxResponseBytes())))
            .connect()
            .onErrorMap(e -> !(e instanceof TributaryException),
                e -> Failures.network("Could not connect to " + node.address(), e))
            .map(c -> new BrokerConnection(node, c, options, metrics))
            .flatMap(BrokerConnection::negotiate);
    }

    private Mono<BrokerConnection> negotiate() {
        ApiVersionsRequest request = new ApiVersionsRequest()
            .clientSoftwareName("tributary-java")
            .clientSoftwareVersion("0.1.0");
        return send(request, API_VERSIONS_VERSION)
            .cast(ApiVersionsResponse.class)
            .flatMap(response -> {
                if (response.errorCode() != ErrorCode.NONE.code()) {
                    return Mono.error(Failures.of(response.errorCode(), null, "ApiVersions to " + node.address()));
                }
                versions = ApiVersionsTable.from(response);
                return Mono.just(this);
            })
            .doOnError(e -> connection.dispose());
    }

    /** The broker this connection goes to. */
    public Node node() {
        return node;
    }

    /** The versions negotiated with this broker. */
    public ApiVersionsTable versions() {
        return versions;
    }

    /** Whether the connection is closed; a closed connection fails every request. */
    public boolean isClosed() {
        return closed || !channel.isActive();
    }

    /** How many requests await their response. */
    public int inFlight() {
        return pending.size();
    }

    /** Sends {@code request} in the negotiated version; the response arrives on the event loop. */
    public <R extends ApiMessage> Mono<R> send(ApiMessage request, Class<R> responseType) {
        return Mono.defer(() -> send(request, versions.version(request.apiKey()))).cast(responseType);
    }

    /**
     * Sends {@code request} in {@code version}. A Produce request with {@code acks=0} gets no response: its
     * {@code Mono} completes empty once the request is written.
     */
    public Mono<ApiMessage> send(ApiMessage request, short version) {
        return Mono.create(sink -> write(request, version, sink));
    }

    private void write(ApiMessage request, short version, MonoSink<ApiMessage> sink) {
        if (isClosed()) {
            sink.error(closedError());
            return;
        }
        int correlationId = correlationIds.incrementAndGet() & Integer.MAX_VALUE;
        boolean expectsResponse = !(request instanceof ProduceRequest produce && produce.acks() == 0);
        ByteBuf frame;
        try {
            frame = Frames.encodeRequest(channel.alloc(), request, version, correlationId, clientId);
        } catch (RuntimeException e) {
            sink.error(e);
            return;
        }
        long now = System.nanoTime();
        Pending entry = new Pending(sink, request.apiKey(), version, now, now + timeoutNanos(request));
        if (expectsResponse) {
            pending.put(correlationId, entry);
            sink.onCancel(() -> pending.remove(correlationId));
        }
        // Always through the event loop's task queue, even from the loop itself: requests reach the wire in the
        // order they were sent, whichever threads sent them (idempotent producers depend on it).
        channel.eventLoop().execute(() -> channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) {
                Pending p = expectsResponse ? pending.remove(correlationId) : entry;
                if (p != null) {
                    p.sink.error(Failures.network("Could not send " + request.apiKey().apiName() + " to "
                        + node.address(), written.cause()));
                }
            } else if (!expectsResponse) {
                sink.success();
            }
        }));
        if (closed && expectsResponse) {
            // Closed between the check and the registration: onClosed may have missed this entry.
            Pending p = pending.remove(correlationId);
            if (p != null) {
                p.sink.error(closedError());
            }
        }
    }

    /**
     * The request timeout, stretched for requests the broker may rightly hold longer: a JoinGroup waits for the
     * rebalance (its rebalance timeout, plus 5 s as Kafka's clients allow), a Fetch for up to its max wait.
     */
    private long timeoutNanos(ApiMessage request) {
        if (request instanceof JoinGroupRequest join) {
            return Math.max(requestTimeoutNanos, TimeUnit.MILLISECONDS.toNanos(join.rebalanceTimeoutMs() + 5_000L));
        }
        if (request instanceof FetchRequest fetch) {
            return requestTimeoutNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, fetch.maxWaitMs()));
        }
        return requestTimeoutNanos;
    }

    private void onFrame(ByteBuf frame) {
        int correlationId = frame.getInt(frame.readerIndex());
        Pending p = pending.remove(correlationId);
        if (p == null) {
            LOG.debug("Dropping a response from {} with unknown correlation id {}", node.address(), correlationId);
            return;
        }
        ApiMessage response;
        try {
            RequestHeaders.readResponseHeader(frame, p.api, p.version);
            response = ApiMessages.readResponse(p.api, responseVersion(p, frame), frame);
            if (response instanceof FetchResponse fetch) {
                detachRecords(fetch);
            }
        } catch (RuntimeException e) {
            metrics.requestCompleted(p.api, System.nanoTime() - p.startNanos, true);
            p.sink.error(new TributaryException("Could not decode the " + p.api.apiName() + " v" + p.version
                + " response from " + node.address() + ": " + e.getMessage(), e));
            connection.dispose();
            return;
        }
        metrics.requestCompleted(p.api, System.nanoTime() - p.startNanos, false);
        p.sink.success(response);
    }

    /**
     * Record sets of a Fetch response are slices of the frame, which Reactor Netty releases when this handler
     * returns: give the consumer buffers it can keep (views of the frame's heap array, freed by the garbage
     * collector).
     */
    private static void detachRecords(FetchResponse fetch) {
        for (FetchResponse.FetchableTopicResponse topic : fetch.responses()) {
            for (FetchResponse.PartitionData partition : topic.partitions()) {
                ByteBuf records = partition.records();
                if (records != null) {
                    partition.records(FrameDecoder.detached(records));
                }
            }
        }
    }

    /** A broker that does not speak our ApiVersions version answers in v0 with UNSUPPORTED_VERSION. */
    private static short responseVersion(Pending p, ByteBuf body) {
        if (p.api == ApiKey.API_VERSIONS && body.readableBytes() >= 2
            && body.getShort(body.readerIndex()) == ErrorCode.UNSUPPORTED_VERSION.code()) {
            return 0;
        }
        return p.version;
    }

    private void expireTimedOut() {
        long now = System.nanoTime();
        boolean expired = false;
        for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.deadlineNanos > 0 && pending.remove(e.getKey(), p)) {
                expired = true;
                metrics.requestCompleted(p.api, now - p.startNanos, true);
                p.sink.error(new RetriableException(ErrorCode.REQUEST_TIMED_OUT, p.api.apiName() + " to "
                    + node.address() + " got no response within "
                    + TimeUnit.NANOSECONDS.toMillis(p.deadlineNanos - p.startNanos) + " ms"));
            }
        }
        if (expired) {
            LOG.debug("Closing the connection to {} after a request timed out", node.address());
            connection.dispose();
        }
    }

    private void onClosed() {
        closed = true;
        sweeper.cancel(false);
        for (Integer id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.sink.error(closedError());
            }
        }
    }

    private RetriableException closedError() {
        return new RetriableException(ErrorCode.NETWORK_EXCEPTION, "The connection to " + node.address()
            + " (node " + node.id() + ") is closed");
    }

    /** Closes the connection at once; pending requests fail with a retriable error. */
    public void close() {
        connection.dispose();
    }

    @Override
    public String toString() {
        return "BrokerConnection{" + node.address() + ", node " + node.id() + ", inFlight=" + pending.size() + "}";
    }

    private record Pending(MonoSink<ApiMessage> sink, ApiKey api, short version, long startNanos,
                           long deadlineNanos) {
    }
}
