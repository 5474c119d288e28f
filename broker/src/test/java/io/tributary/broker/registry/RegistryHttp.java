package io.tributary.broker.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A blocking test client for the registry's REST API: each call returns the status and the JSON body. */
final class RegistryHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;

    record Reply(int status, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        int errorCode() {
            return json().path("error_code").asInt();
        }
    }

    /** A client on HTTP/1.1 with keep-alive, as most registry clients are. */
    RegistryHttp(String base) {
        this(base, HttpClient.Version.HTTP_1_1);
    }

    /** With {@code HTTP_2} the JDK client asks plain-HTTP servers to upgrade to h2c. */
    RegistryHttp(String base, HttpClient.Version version) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The body of a registration or check: {"schema": ..., "schemaType": ...}. */
    static String schemaBody(String type, String schema) {
        var node = JSON.createObjectNode().put("schema", schema);
        if (type != null) {
            node.put("schemaType", type);
        }
        return node.toString();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
