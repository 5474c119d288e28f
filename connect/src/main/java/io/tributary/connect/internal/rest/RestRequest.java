package io.tributary.connect.internal.rest;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.connect.internal.herder.ConnectRestException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * One request as handlers see it: decoded path parameters, query parameters (decoded as forms are, {@code +} is a
 * space) and the body, read lazily and bounded. Used on the event loop that received the request.
 */
final class RestRequest {
    private final HttpServerRequest request;
    private final Map<String, String> pathParams;
    private final QueryStringDecoder query;
    private final int maxBodyBytes;

    RestRequest(HttpServerRequest request, Map<String, String> pathParams, int maxBodyBytes) {
        this.request = request;
        this.pathParams = Map.copyOf(pathParams);
        this.query = new QueryStringDecoder(request.uri());
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A path parameter of the route's template, percent-decoded. */
    String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no path parameter " + name);
        }
        return value;
    }

    /** Whether the query names the parameter at all, with or without a value ({@code ?expand}). */
    boolean hasQueryParam(String name) {
        return query.parameters().containsKey(name);
    }

    /** Every value of a repeated query parameter ({@code ?expand=status&expand=info}), in order. */
    List<String> queryParams(String name) {
        return query.parameters().getOrDefault(name, List.of());
    }

    /**
     * A boolean query parameter: {@code true} in any case is true, any other value false, and an absent parameter the
     * default, as JAX-RS converts {@code Boolean} parameters for Kafka Connect.
     */
    boolean booleanParam(String name, boolean defaultValue) {
        List<String> values = queryParams(name);
        return values.isEmpty() ? defaultValue : Boolean.parseBoolean(values.get(0));
    }

    /**
     * The absolute URL of a path on this server, as the client addressed it (scheme and {@code Host} header), for
     * {@code Location} headers.
     */
    String absoluteUrl(String path) {
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            host = request.hostName() + ":" + request.hostPort();
        }
        return request.scheme() + "://" + host + path;
    }

    /**
     * The whole body, at most the configured number of bytes. A declared {@code Content-Length} over the limit fails
     * at once, without reading; a chunked body fails as soon as it passes the limit.
     *
     * @return the bytes, empty if the request has no body; fails with {@link ConnectRestException} 413 if too large
     */
    Mono<byte[]> body() {
        return Mono.defer(() -> {
            long declared = declaredLength();
            if (declared > maxBodyBytes) {
                return Mono.error(tooLarge());
            }
            return request.receive()
                .reduceWith(ByteArrayOutputStream::new, this::append)
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
        });
    }

    private ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf chunk) {
        int length = chunk.readableBytes();
        if ((long) out.size() + length > maxBodyBytes) {
            throw tooLarge();
        }
        // Copied out while Reactor Netty still holds the buffer: it releases inbound buffers after onNext returns.
        byte[] bytes = new byte[length];
        chunk.readBytes(bytes);
        out.write(bytes, 0, length);
        return out;
    }

    private long declaredLength() {
        @Nullable String header = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ConnectRestException.badRequest("Invalid Content-Length " + header);
        }
    }

    private ConnectRestException tooLarge() {
        return new ConnectRestException(413, "Request body is larger than the limit of " + maxBodyBytes + " bytes");
    }
}
