package io.tributary.serdes;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns values into the bytes of a record key or value. Implementations are thread-safe and never block in
 * {@link #serialize(String, List, Object)}; formats that need a remote lookup first (a schema registry) do it in
 * {@link #serializeAsync}, which producers call.
 *
 * <pre>{@code
 * Serializer<String> utf8 = Serdes.string().serializer();
 * byte[] bytes = utf8.serialize("orders", "hello");
 * }</pre>
 *
 * @param <T> the type of values
 * @since 0.1
 */
@FunctionalInterface
public interface Serializer<T> {
    /**
     * The bytes of {@code data}; null for null (a tombstone value, a record without key).
     *
     * @throws SerializationException if the value cannot be written in this format
     */
    byte @Nullable [] serialize(String topic, @Nullable T data);

    /**
     * As {@link #serialize(String, Object)}, with the record's headers, to which a serializer may add (for instance
     * the name of the type it wrote). The list is the record's own and mutable.
     */
    default byte @Nullable [] serialize(String topic, List<Header> headers, @Nullable T data) {
        return serialize(topic, data);
    }

    /**
     * The bytes of {@code data}, after any lookup the format needs; by default {@link #serialize(String, List,
     * Object)} at subscription. Errors are signalled, not thrown.
     */
    default Mono<byte[]> serializeAsync(String topic, List<Header> headers, @Nullable T data) {
        return Mono.fromCallable(() -> serialize(topic, headers, data));
    }
}
