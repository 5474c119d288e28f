package io.tributary.connect.internal.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.ConnectRestException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * Turns failures into Kafka Connect's error answers, {@code {"error_code": status, "message": ...}}: a
 * {@link ConnectRestException} keeps its status; anything else is an unexpected failure, logged with its stack trace
 * and answered with 500. Stateless and thread-safe.
 */
final class RestErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

    private RestErrors() {
    }

    /** The answer to a failed request. */
    static RestResponse toResponse(HttpMethod method, String uri, Throwable failure) {
        Throwable error = Exceptions.unwrap(failure);
        if (error instanceof ConnectRestException rest) {
            LOG.debug("REST request {} {} refused with {}: {}", method, uri, rest.status(), rest.getMessage());
            return RestResponse.json(rest.status(), EntityJson.error(rest.status(), rest.getMessage()));
        }
        LOG.error("Unexpected failure in REST request {} {}", method, uri, error);
        String message = error.getMessage() != null ? error.getMessage() : error.toString();
        return RestResponse.json(500, EntityJson.error(500, message));
    }

    /** 404 for a path no route knows, with Jersey's message as Kafka Connect sends it. */
    static RestResponse notFound() {
        return RestResponse.json(404, EntityJson.error(404, "HTTP 404 Not Found"));
    }

    /** 405 for a known path with another method, with the {@code Allow} header listing the methods it takes. */
    static RestResponse methodNotAllowed(Set<String> allowed) {
        return RestResponse.json(405, EntityJson.error(405, "HTTP 405 Method Not Allowed"))
            .header("Allow", String.join(", ", allowed));
    }
}
