package io.tributary.serdes.registry;

import io.tributary.serdes.registry.internal.DefaultSchemaRegistryClient;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A non-blocking client of a schema registry (Tributary's built-in one, or any that speaks the Confluent REST API).
 * Answers are cached: an id, once known, never costs another request, so serializers and deserializers reach the
 * network only for schemas they have not met. Thread-safe; share one per registry. Every method is lazy.
 *
 * <pre>{@code
 * SchemaRegistryClient registry = SchemaRegistryClient.create("http://localhost:8081");
 * Mono<Integer> id = registry.register("orders-value", "AVRO", schemaJson);
 * }</pre>
 *
 * @since 0.1
 */
public interface SchemaRegistryClient {
    /** A client of the registry at {@code baseUrl}, with a 10 s request timeout. */
    static SchemaRegistryClient create(String baseUrl) {
        return create(baseUrl, Duration.ofSeconds(10));
    }

    /** A client of the registry at {@code baseUrl}; a request without an answer in {@code timeout} fails. */
    static SchemaRegistryClient create(String baseUrl, Duration timeout) {
        return new DefaultSchemaRegistryClient(baseUrl, timeout);
    }

    /** Registers a schema under a subject (or finds it there); its id. Fails with 409 if incompatible. */
    Mono<Integer> register(String subject, String type, String schema);

    /** The id of a schema already registered under a subject; fails with 40401/40403 otherwise. */
    Mono<Integer> lookup(String subject, String type, String schema);

    /** The schema with this id. */
    Mono<RegisteredSchema> byId(int id);

    /** The latest version of a subject (not cached: it changes). */
    Mono<RegisteredSchema> latest(String subject);
}
