package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.Herder;
import reactor.core.publisher.Mono;

/**
 * {@code GET /}: this worker's version and commit and the Kafka cluster id it works with. Stateless apart from the
 * herder; thread-safe.
 */
final class RootResource {
    /** What Kafka reports when a build carries no version or commit, kept for clients that compare it. */
    private static final String UNKNOWN = "unknown";

    private final Herder herder;
    private final String version;

    RootResource(Herder herder) {
        this.herder = requireNonNull(herder, "herder");
        String implementationVersion = RootResource.class.getPackage().getImplementationVersion();
        this.version = implementationVersion != null ? implementationVersion : UNKNOWN;
    }

    void register(Router router) {
        router.add(HttpMethod.GET, "/", this::serverInfo);
    }

    private Mono<RestResponse> serverInfo(RestRequest request) {
        return herder.kafkaClusterId()
            .map(clusterId -> RestResponse.ok(EntityJson.serverInfo(version, UNKNOWN, clusterId)));
    }
}
