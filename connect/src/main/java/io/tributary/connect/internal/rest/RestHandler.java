package io.tributary.connect.internal.rest;

import reactor.core.publisher.Mono;

/**
 * Answers one route's requests. Runs on a Netty event loop, so it must not block: it only assembles the herder's
 * {@code Mono}s. Refusals are {@code onError} signals (a
 * {@link io.tributary.connect.internal.herder.ConnectRestException} carries the status); the dispatcher turns them
 * into error bodies.
 */
@FunctionalInterface
interface RestHandler {
    Mono<RestResponse> handle(RestRequest request);
}
