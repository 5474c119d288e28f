package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a handler answers: an HTTP status, extra headers and an optional JSON body. Immutable; {@link #header} returns
 * a copy.
 *
 * @param body null for an answer without a body (204, and Kafka Connect's bodiless 202s)
 */
record RestResponse(int status, Map<String, String> headers, @Nullable JsonNode body) {
    RestResponse {
        headers = Map.copyOf(headers);
    }

    /** 200 with a JSON body. */
    static RestResponse ok(JsonNode body) {
        return json(200, body);
    }

    /** The given status with a JSON body. */
    static RestResponse json(int status, JsonNode body) {
        return new RestResponse(status, Map.of(), body);
    }

    /** 204, no body. */
    static RestResponse noContent() {
        return new RestResponse(204, Map.of(), null);
    }

    /** 202, no body: Kafka Connect's answer to pause and resume, which act asynchronously. */
    static RestResponse accepted() {
        return new RestResponse(202, Map.of(), null);
    }

    /** A copy with one more header. */
    RestResponse header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RestResponse(status, copy, body);
    }
}
