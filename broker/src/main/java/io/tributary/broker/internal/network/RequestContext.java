package io.tributary.broker.internal.network;

import io.tributary.protocol.ApiKey;
import java.net.SocketAddress;

/**
 * What a handler knows about the request besides its body: the API and version, the correlation id, the client
 * and its address. Immutable.
 *
 * @param apiKey        the API of the request
 * @param apiVersion    its version
 * @param correlationId the id the response must carry
 * @param clientId      the client id from the header; empty when the client sent none
 * @param remoteAddress the client's address
 */
public record RequestContext(ApiKey apiKey, short apiVersion, int correlationId, String clientId,
                             SocketAddress remoteAddress) {
}
