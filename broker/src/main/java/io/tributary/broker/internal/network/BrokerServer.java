package io.tributary.broker.internal.network;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpServer;

/**
 * The broker's network layer on Reactor Netty: length-prefixed frames checked against {@code maxFrameBytes} before
 * any allocation, requests of one connection handled one after another so responses leave in request order and
 * appends keep their order (as Kafka does by muting a connection while it works on a request). Thread-safe.
 */
public final class BrokerServer {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

    private static final int MAX_UNREAD_RESPONSES = 4096;

    private final Supplier<RequestDispatcher> dispatcher;
    private final int maxFrameBytes;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private DisposableServer server;

    /** The dispatcher is looked up per request, so that it can be built after the port is known. */
    public BrokerServer(Supplier<RequestDispatcher> dispatcher, int maxFrameBytes) {
        this.dispatcher = dispatcher;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Binds and starts accepting connections; blocks until bound. */
    public InetSocketAddress bind(String host, int port) {
        server = TcpServer.create()
            .host(host.isEmpty() ? "0.0.0.0" : host)
            .port(port)
            .doOnConnection(this::configure)
            .handle(this::serve)
            .bindNow(Duration.ofSeconds(30));
        return (InetSocketAddress) server.address();
    }

    private void configure(Connection connection) {
        // Closing the server socket leaves accepted connections open: they are tracked to be closed with it.
        connections.add(connection);
        connection.onDispose(() -> connections.remove(connection));
        // failFast: an oversize frame is rejected as soon as its length is read, before its bytes are buffered.
        connection.addHandlerLast("frames",
            new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, 4, 0, 4, true));
        connection.addHandlerLast("frameErrors", new FrameErrorHandler(connection));
        connection.addHandlerLast(RegionWrite.HANDLER_NAME, new RegionWrite.Unwrap());
    }

    private Mono<Void> serve(NettyInbound in, NettyOutbound out) {
        SocketAddress[] remote = new SocketAddress[1];
        Connection[] connection = new Connection[1];
        in.withConnection(c -> {
            remote[0] = c.channel().remoteAddress();
            connection[0] = c;
        });
        // Requests are processed on a subscription of their own, so that a client closing its connection does not
        // cancel requests it already sent (an acks=0 produce followed by a close must still be appended); only the
        // sending of responses stops. The queue bounds responses a client has not read.
        Sinks.Many<Object> responses = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Object>get(MAX_UNREAD_RESPONSES).get());
        in.receive()
            .retain()
            .concatMap(frame -> dispatcher.get().dispatch(frame, remote[0], out.alloc())
                .doFinally(signal -> frame.release()), 1)
            .subscribe(
                parts -> {
                    for (ByteBuf part : parts) {
                        Object message = outbound(part);
                        Sinks.EmitResult result = responses.tryEmitNext(message);
                        if (result.isFailure()) {
                            ReferenceCountUtil.release(message);
                            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                                LOG.warn("Closing connection from {}: {} response buffers unread", remote[0],
                                    MAX_UNREAD_RESPONSES);
                                connection[0].dispose();
                            }
                        }
                    }
                },
                error -> {
                    logClose(remote[0], error);
                    responses.tryEmitError(error);
                    connection[0].dispose();
                },
                responses::tryEmitComplete);
        return out.sendObject(responses.asFlux().doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release))
            .then()
            .onErrorResume(e -> Mono.empty());
    }

    /** What to write for a response part: a file region for record bytes still in a segment, else the part. */
    private static Object outbound(ByteBuf part) {
        if (part instanceof FileRegionSource file) {
            try {
                return new RegionWrite(file.fileRegion());
            } finally {
                part.release();
            }
        }
        return part;
    }

    private static void logClose(SocketAddress remote, Throwable e) {
        if (e instanceof ProtocolViolationException) {
            LOG.warn("Closing connection from {}: {}", remote, e.getMessage());
        } else if (e instanceof java.io.IOException) {
            // Clients that disconnect without a goodbye are normal.
            LOG.debug("Connection from {} ended: {}", remote, e.toString());
        } else if (e.getCause() instanceof RejectedExecutionException) {
            // A request still waiting (a long-poll fetch) when the broker shut its disk scheduler down.
            LOG.debug("Connection from {} closed while the broker stops: {}", remote, e.toString());
        } else {
            LOG.error("Closing connection from {} after an unexpected failure", remote, e);
        }
    }

    /** Stops accepting and closes every connection. */
    public void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(10));
        }
        for (Connection c : connections) {
            c.dispose();
        }
    }

    /** Logs and closes on framing errors (oversize or negative frame sizes): the stream cannot be resynchronised. */
    private static final class FrameErrorHandler extends ChannelInboundHandlerAdapter {
        private final Connection connection;

        FrameErrorHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
                LOG.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
                connection.dispose();
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
