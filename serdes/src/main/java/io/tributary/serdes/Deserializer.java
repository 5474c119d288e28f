package io.tributary.serdes;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns the bytes of a record key or value back into a value. Implementations are thread-safe and never block in
 * {@link #deserialize(String, List, byte[])}; formats that need a remote lookup (a schema registry) do it in
 * {@link #deserializeAsync}, which consumers call.
 *
 * @param <T> the type of values
 * @since 0.1
 */
@FunctionalInterface
public interface Deserializer<T> {
    /**
     * The value of {@code data}; null for null.
     *
     * @throws SerializationException if the bytes are not a value of this format
     */
    @Nullable T deserialize(String topic, byte @Nullable [] data);

    /** As {@link #deserialize(String, byte[])}, with the record's headers. */
    default @Nullable T deserialize(String topic, List<Header> headers, byte @Nullable [] data) {
        return deserialize(topic, data);
    }

    /**
     * The value of {@code data}, after any lookup the format needs; by default {@link #deserialize(String, List,
     * byte[])} at subscription. A null value completes empty. Errors are signalled, not thrown.
     */
    default Mono<T> deserializeAsync(String topic, List<Header> headers, byte @Nullable [] data) {
        return Mono.fromCallable(() -> deserialize(topic, headers, data));
    }
}
