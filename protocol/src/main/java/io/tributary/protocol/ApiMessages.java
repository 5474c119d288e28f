package io.tributary.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Decodes request and response bodies of any {@link ApiKey} by version, turning every low-level failure into a
 * {@link MessageDecodeException} that names the API, the version and the byte offset. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ApiMessages {
    private ApiMessages() {
    }

    /**
     * Reads a request body of {@code apiKey} in {@code version} from {@code in}.
     *
     * @throws UnsupportedVersionException if the codec has no such version of the API
     * @throws MessageDecodeException      if the bytes are not a valid body
     */
    public static ApiMessage readRequest(ApiKey apiKey, short version, ByteBuf in) {
        requireSupported(apiKey, version, "request");
        int start = in.readerIndex();
        try {
            return apiKey.readRequestBody(in, version);
        } catch (MessageDecodeException | IndexOutOfBoundsException e) {
            throw MessageDecodeException.at("request", apiKey, version, in.readerIndex() - start, e);
        }
    }

    /**
     * Reads a response body of {@code apiKey} in {@code version} from {@code in}.
     *
     * @throws UnsupportedVersionException if the codec has no such version of the API
     * @throws MessageDecodeException      if the bytes are not a valid body
     */
    public static ApiMessage readResponse(ApiKey apiKey, short version, ByteBuf in) {
        requireSupported(apiKey, version, "response");
        int start = in.readerIndex();
        try {
            return apiKey.readResponseBody(in, version);
        } catch (MessageDecodeException | IndexOutOfBoundsException e) {
            throw MessageDecodeException.at("response", apiKey, version, in.readerIndex() - start, e);
        }
    }

    private static void requireSupported(ApiKey apiKey, short version, String what) {
        if (!apiKey.versions().contains(version)) {
            throw new UnsupportedVersionException(apiKey.apiName() + " " + what + " v" + version
                + " is not supported; this codec has versions " + apiKey.versions());
        }
    }
}
