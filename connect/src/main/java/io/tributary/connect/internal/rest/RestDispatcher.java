package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.connect.internal.herder.ConnectRestException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Reactor Netty's request handler for the REST API: routes each request, runs its {@link RestHandler}, turns
 * failures into error bodies ({@link RestErrors}) and writes the answer as JSON. Everything runs on the connection's
 * event loop or on whatever thread the herder completes on; nothing here blocks. Thread-safe once built.
 */
final class RestDispatcher implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {
    private static final String APPLICATION_JSON = "application/json";

    private final Router router;
    private final int maxBodyBytes;
    private final Duration requestTimeout;

    RestDispatcher(Router router, int maxBodyBytes, Duration requestTimeout) {
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        // defer: a handler that throws while assembling fails this request's Mono instead of the connection.
        return Mono.defer(() -> dispatch(request))
            .timeout(requestTimeout, Mono.error(() -> timedOut()))
            .onErrorResume(error -> Mono.just(RestErrors.toResponse(request.method(), request.uri(), error)))
            .flatMap(answer -> write(response, answer));
    }

    private Mono<RestResponse> dispatch(HttpServerRequest request) {
        Router.Resolution resolution = router.resolve(request.method(), PathSegments.decode(request.uri()));
        if (resolution instanceof Router.Resolution.Found found) {
            return found.handler().handle(new RestRequest(request, found.pathParams(), maxBodyBytes));
        }
        if (resolution instanceof Router.Resolution.NotAllowed notAllowed) {
            return Mono.just(RestErrors.methodNotAllowed(notAllowed.allowed()));
        }
        return Mono.just(RestErrors.notFound());
    }

    /** Kafka Connect answers a request the herder does not finish in time with 500, as no other status fits. */
    private ConnectRestException timedOut() {
        return new ConnectRestException(500, "Request timed out",
            new TimeoutException("no answer within " + requestTimeout));
    }

    private static Mono<Void> write(HttpServerResponse response, RestResponse answer) {
        response.status(HttpResponseStatus.valueOf(answer.status()));
        answer.headers().forEach(response::header);
        JsonNode body = answer.body();
        if (body == null) {
            return response.send().then();
        }
        byte[] bytes = RestJson.write(body);
        return response.header(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
            .sendByteArray(Mono.just(bytes))
            .then();
    }
}
