package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.Herder;
import reactor.core.publisher.Mono;

/**
 * {@code /connectors/{connector}/offsets}: reading, altering (PATCH) and resetting (DELETE) a connector's committed
 * offsets. Altering and resetting answer 200 with the herder's {@code {"message": ...}}; the herder refuses them
 * (400) unless the connector is stopped. Stateless apart from the herder; thread-safe.
 */
final class ConnectorOffsetsResource {
    private final Herder herder;

    ConnectorOffsetsResource(Herder herder) {
        this.herder = requireNonNull(herder, "herder");
    }

    void register(Router router) {
        router.add(HttpMethod.GET, "/connectors/{connector}/offsets", this::offsets)
            .add(HttpMethod.PATCH, "/connectors/{connector}/offsets", this::alter)
            .add(HttpMethod.DELETE, "/connectors/{connector}/offsets", this::reset);
    }

    private Mono<RestResponse> offsets(RestRequest request) {
        return herder.offsets(request.pathParam("connector"))
            .map(offsets -> RestResponse.ok(EntityJson.offsets(offsets)));
    }

    private Mono<RestResponse> alter(RestRequest request) {
        String name = request.pathParam("connector");
        return request.body()
            .map(RequestBodies::offsets)
            .flatMap(offsets -> herder.alterOffsets(name, offsets))
            .map(message -> RestResponse.ok(EntityJson.message(message)));
    }

    private Mono<RestResponse> reset(RestRequest request) {
        return herder.resetOffsets(request.pathParam("connector"))
            .map(message -> RestResponse.ok(EntityJson.message(message)));
    }
}
