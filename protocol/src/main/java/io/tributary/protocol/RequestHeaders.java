package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.message.RequestHeader;
import io.tributary.protocol.message.ResponseHeader;

/**
 * Reads and writes request and response headers, choosing the header version from the API and its version
 * (PROTOCOL.md 1.3): request header v2 for flexible requests, else v1; response header v1 for flexible responses,
 * else v0, and always v0 for ApiVersions. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class RequestHeaders {
    private RequestHeaders() {
    }

    /**
     * Reads a request header. The API key and version are peeked first to choose the header version; an unknown
     * API key is read as header v1, so that the caller can still answer or log with the correlation id.
     *
     * @throws MessageDecodeException if the header is truncated or malformed
     */
    public static RequestHeader readRequestHeader(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < 4) {
            throw MessageDecodeException.at("request header", null, (short) -1, 0,
                new IndexOutOfBoundsException("header needs at least 4 bytes"));
        }
        ApiKey apiKey = ApiKey.forId(in.getShort(start));
        short apiVersion = in.getShort(start + 2);
        short headerVersion = apiKey == null ? 1 : apiKey.requestHeaderVersion(apiVersion);
        try {
            return RequestHeader.read(in, headerVersion);
        } catch (MessageDecodeException | IndexOutOfBoundsException e) {
            throw MessageDecodeException.at("request header", apiKey, headerVersion, in.readerIndex() - start, e);
        }
    }

    /** Writes the header of a request of {@code apiKey} in {@code apiVersion}. */
    public static void writeRequestHeader(ByteBuf out, ApiKey apiKey, short apiVersion, int correlationId,
                                          String clientId) {
        new RequestHeader()
            .requestApiKey(apiKey.id())
            .requestApiVersion(apiVersion)
            .correlationId(correlationId)
            .clientId(clientId)
            .write(out, apiKey.requestHeaderVersion(apiVersion));
    }

    /** Reads the header of a response to a request of {@code apiKey} in {@code apiVersion}. */
    public static ResponseHeader readResponseHeader(ByteBuf in, ApiKey apiKey, short apiVersion) {
        int start = in.readerIndex();
        short headerVersion = apiKey.responseHeaderVersion(apiVersion);
        try {
            return ResponseHeader.read(in, headerVersion);
        } catch (MessageDecodeException | IndexOutOfBoundsException e) {
            throw MessageDecodeException.at("response header", apiKey, headerVersion, in.readerIndex() - start, e);
        }
    }

    /** Writes the header of a response to a request of {@code apiKey} in {@code apiVersion}. */
    public static void writeResponseHeader(ByteBuf out, ApiKey apiKey, short apiVersion, int correlationId) {
        new ResponseHeader().correlationId(correlationId).write(out, apiKey.responseHeaderVersion(apiVersion));
    }
}
