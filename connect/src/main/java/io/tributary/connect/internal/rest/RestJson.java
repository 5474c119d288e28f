package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.internal.herder.ConnectRestException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The REST API's Jackson setup: reads request bodies into Java values and writes response trees to bytes. Request
 * bodies bind as Kafka Connect binds them (a scalar given for a string config value becomes its text), but anything
 * that does not bind (malformed JSON, trailing data, unknown fields, wrong types) is a 400 rather than Kafka Connect's
 * 500. Thread-safe: one shared {@link ObjectMapper}, configured once.
 */
final class RestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RestJson() {
    }

    /** The mapper, for building response trees. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty JSON object. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Binds a request body.
     *
     * @throws ConnectRestException 400 if the body is empty, {@code null}, malformed or does not bind to the type
     */
    static <T> T read(byte[] body, TypeReference<T> type) {
        if (body.length == 0) {
            throw ConnectRestException.badRequest("Request body is missing");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ConnectRestException.badRequest("Invalid JSON in request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ConnectRestException.badRequest("Unreadable request body: " + e.getMessage());
        }
        if (value == null) {
            throw ConnectRestException.badRequest("Request body is missing");
        }
        return value;
    }

    /** Serialises a response tree. */
    static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a bug, surfaced as a 500.
            throw new UncheckedIOException(e);
        }
    }
}
