package io.tributary.broker.internal.network;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.VersionRange;
import reactor.core.publisher.Mono;

/**
 * Serves one API key. Handlers never block the calling thread (an event loop): disk work runs on the broker's IO
 * scheduler. Errors that concern parts of a request (a partition, a topic) go into the response; a failed
 * {@code Mono} closes the connection, as Kafka does for requests it cannot answer.
 *
 * @param <Q> request body type
 * @param <R> response body type
 */
public interface RequestHandler<Q extends ApiMessage, R extends ApiMessage> {
    ApiKey apiKey();

    /** Versions advertised by ApiVersions: declared here, once per API. */
    VersionRange versions();

    /** Answers the request; an empty {@code Mono} sends no response (Produce with acks=0). */
    Mono<R> handle(RequestContext context, Q request);

    /** Releases buffers the response owns, once it has been encoded. Most responses own none. */
    default void release(R response) {
    }
}
