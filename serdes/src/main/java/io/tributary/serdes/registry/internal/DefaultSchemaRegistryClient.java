package io.tributary.serdes.registry.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.serdes.registry.RegisteredSchema;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaRegistryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * {@link SchemaRegistryClient} on Reactor Netty's HTTP client, with Caffeine caches of ids by schema and schemas by
 * id (10,000 entries each). Failed lookups are not cached. Thread-safe.
 */
public final class DefaultSchemaRegistryClient implements SchemaRegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int CACHE_SIZE = 10_000;

    private record SchemaKey(String subject, String type, String schema) {
    }

    private final HttpClient http;
    private final AsyncCache<SchemaKey, Integer> ids = Caffeine.newBuilder().maximumSize(CACHE_SIZE).buildAsync();
    private final AsyncCache<Integer, RegisteredSchema> schemas =
        Caffeine.newBuilder().maximumSize(CACHE_SIZE).buildAsync();

    public DefaultSchemaRegistryClient(String baseUrl, Duration timeout) {
        requireNonNull(baseUrl, "baseUrl");
        requireNonNull(timeout, "timeout");
        this.http = HttpClient.create()
            .baseUrl(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
            .responseTimeout(timeout)
            .headers(h -> h.set("Content-Type", CONTENT_TYPE).set("Accept", CONTENT_TYPE));
    }

    @Override
    public Mono<Integer> register(String subject, String type, String schema) {
        SchemaKey key = new SchemaKey(subject, type, schema);
        return Mono.fromFuture(() -> ids.get(key, (k, executor) ->
            call(HttpMethod.POST, "/subjects/" + encode(subject) + "/versions", body(type, schema))
                .map(json -> json.path("id").asInt())
                .toFuture()));
    }

    @Override
    public Mono<Integer> lookup(String subject, String type, String schema) {
        SchemaKey key = new SchemaKey(subject, type, schema);
        return Mono.fromFuture(() -> ids.get(key, (k, executor) ->
            call(HttpMethod.POST, "/subjects/" + encode(subject), body(type, schema))
                .map(json -> json.path("id").asInt())
                .toFuture()));
    }

    @Override
    public Mono<RegisteredSchema> byId(int id) {
        return Mono.fromFuture(() -> schemas.get(id, (k, executor) ->
            call(HttpMethod.GET, "/schemas/ids/" + id, null)
                .map(json -> new RegisteredSchema(id, json.path("schemaType").asText("AVRO"),
                    json.path("schema").asText()))
                .toFuture()));
    }

    @Override
    public Mono<RegisteredSchema> latest(String subject) {
        return call(HttpMethod.GET, "/subjects/" + encode(subject) + "/versions/latest", null)
            .map(json -> new RegisteredSchema(json.path("id").asInt(), json.path("schemaType").asText("AVRO"),
                json.path("schema").asText()));
    }

    private Mono<JsonNode> call(HttpMethod method, String path, @Nullable String body) {
        return http.request(method)
            .uri(path)
            .send(body == null ? ByteBufFlux.fromString(Mono.empty()) : ByteBufFlux.fromString(Mono.just(body)))
            .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .map(text -> answer(response.status().code(), text, method + " " + path)));
    }

    private static JsonNode answer(int status, String text, String request) {
        JsonNode json;
        try {
            json = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(status, status, request + " answered with non-JSON: " + text);
        }
        if (status / 100 != 2) {
            throw new SchemaRegistryException(status, json.path("error_code").asInt(status),
                json.path("message").asText(request + " failed"));
        }
        return json;
    }

    private static String body(String type, String schema) {
        return JSON.createObjectNode().put("schemaType", type).put("schema", schema).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
