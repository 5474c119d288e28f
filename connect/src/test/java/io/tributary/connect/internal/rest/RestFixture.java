package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.internal.herder.Herder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RestServer} on a free port of the loopback interface with a {@code java.net.http} client to call it over
 * real HTTP/1.1. Tests start one per test and close it afterwards.
 */
final class RestFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RestServer server;
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();

    private RestFixture(RestServer server) {
        this.server = server;
    }

    static RestFixture start(Herder herder) {
        return new RestFixture(RestServer.start(herder, "127.0.0.1", 0).block(TIMEOUT));
    }

    static RestFixture start(Herder herder, Duration requestTimeout) {
        return new RestFixture(RestServer.start(herder, "127.0.0.1", 0, requestTimeout).block(TIMEOUT));
    }

    RestServer server() {
        return server;
    }

    Reply get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    Reply send(String method, String path) {
        return send(method, path, HttpRequest.BodyPublishers.noBody());
    }

    /** Sends a JSON body (a string, sent as is) with its length declared. */
    Reply send(String method, String path, String json) {
        return send(method, path, HttpRequest.BodyPublishers.ofString(json));
    }

    /** Serialises a value to JSON and sends it. */
    Reply sendJson(String method, String path, Object value) {
        try {
            return send(method, path, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(method, body)
            .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JSON a client reads when Kafka Connect sends its own REST entity (its JAX-RS provider uses a default
     * mapper): written to text and parsed back, so numbers compare as they travel.
     */
    static JsonNode kafkaJson(Object kafkaEntity) {
        try {
            return JSON.readTree(JSON.writeValueAsString(kafkaEntity));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close().block(TIMEOUT);
    }

    /** A response: status, headers and the body as text. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON (status " + status + "): " + body, e);
            }
        }

        @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
