package io.tributary.broker.internal.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ApiMessages;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.Frames;
import io.tributary.protocol.MessageDecodeException;
import io.tributary.protocol.RequestHeaders;
import io.tributary.protocol.UnsupportedVersionException;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.RequestHeader;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Turns one request frame into at most one response frame: reads the header, checks the API and version against
 * the advertised table, decodes the body and calls the API's handler. Thread-safe; holds no per-connection state.
 *
 * <p>As Kafka does, an unknown API key, a version outside the advertised range or a malformed body closes the
 * connection (a failed {@code Mono}); the one exception is ApiVersions, which answers any version it cannot parse
 * with a v0 body carrying UNSUPPORTED_VERSION and its own version range (KIP-511).
 */
public final class RequestDispatcher {
    private final Map<ApiKey, RequestHandler<ApiMessage, ApiMessage>> handlers = new EnumMap<>(ApiKey.class);

    @SuppressWarnings("unchecked")
    public RequestDispatcher(List<? extends RequestHandler<?, ?>> handlers) {
        for (RequestHandler<?, ?> h : handlers) {
            this.handlers.put(h.apiKey(), (RequestHandler<ApiMessage, ApiMessage>) h);
        }
    }

    /** The advertised version range of every served API, as ApiVersions lists them. */
    public Map<ApiKey, VersionRange> advertised() {
        Map<ApiKey, VersionRange> out = new EnumMap<>(ApiKey.class);
        handlers.forEach((k, h) -> out.put(k, h.versions()));
        return out;
    }

    /**
     * Handles one frame (size prefix removed) and answers with the response frame as buffers to write in order
     * (record sets referenced, not copied). The caller releases the request frame after the returned Mono ends.
     */
    public Mono<ByteBuf[]> dispatch(ByteBuf frame, SocketAddress remote, ByteBufAllocator alloc) {
        RequestHeader header;
        try {
            header = RequestHeaders.readRequestHeader(frame);
        } catch (MessageDecodeException e) {
            return Mono.error(new ProtocolViolationException("Malformed request header from " + remote, e));
        }
        ApiKey apiKey = ApiKey.forId(header.requestApiKey());
        RequestHandler<ApiMessage, ApiMessage> handler = apiKey == null ? null : handlers.get(apiKey);
        if (apiKey == null || handler == null) {
            return Mono.error(new ProtocolViolationException("Unsupported API key " + header.requestApiKey()
                + " from " + remote + " (client " + header.clientId() + ")"));
        }
        short version = header.requestApiVersion();
        int correlationId = header.correlationId();
        boolean decodable = apiKey.versions().contains(version);
        if (apiKey == ApiKey.API_VERSIONS && (!decodable || !handler.versions().contains(version))) {
            return Mono.just(Frames.encodeResponseParts(alloc, unsupportedApiVersions(handler.versions()), (short) 0,
                correlationId));
        }
        if (!handler.versions().contains(version)) {
            return Mono.error(new ProtocolViolationException(apiKey.apiName() + " v" + version
                + " is not supported (advertised " + handler.versions() + ") from " + remote));
        }
        ApiMessage request;
        try {
            request = ApiMessages.readRequest(apiKey, version, frame);
        } catch (MessageDecodeException | UnsupportedVersionException e) {
            return Mono.error(new ProtocolViolationException("Cannot read request from " + remote + ": "
                + e.getMessage(), e));
        }
        String clientId = header.clientId() == null ? "" : header.clientId();
        RequestContext context = new RequestContext(apiKey, version, correlationId, clientId, remote);
        return Mono.defer(() -> handler.handle(context, request))
            .map(response -> {
                try {
                    return Frames.encodeResponseParts(alloc, response, version, correlationId);
                } finally {
                    handler.release(response);
                }
            });
    }

    private static ApiVersionsResponse unsupportedApiVersions(VersionRange own) {
        List<ApiVersionsResponse.ApiVersion> keys = new ArrayList<>();
        keys.add(new ApiVersionsResponse.ApiVersion().apiKey(ApiKey.API_VERSIONS.id())
            .minVersion(own.lowest()).maxVersion(own.highest()));
        return new ApiVersionsResponse().errorCode(ErrorCode.UNSUPPORTED_VERSION.code()).apiKeys(keys);
    }
}
