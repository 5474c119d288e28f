package io.tributary.connect.internal.storage;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The committed source offsets of every connector, by source partition. Reads answer from memory and never block;
 * writes are lazy and complete once durable. Partition and offset maps hold strings, numbers and booleans; two
 * partition maps with the same entries name the same partition whatever their numbers' Java types. Thread-safe.
 */
public interface OffsetStore {
    /** Loads what was stored before; completes when reads can be answered. */
    Mono<Void> start();

    /** The committed offset of a source partition of {@code connector}, or null. */
    @Nullable Map<String, Object> offset(String connector, Map<String, ?> partition);

    /** Every committed offset of {@code connector}: source partition to offset. */
    Map<Map<String, Object>, Map<String, Object>> offsets(String connector);

    /**
     * Commits offsets of {@code connector}: an entry with a null offset removes its partition's. Reads see the
     * change at once; the returned Mono completes once it is durable. Writes are applied in the order made.
     */
    Mono<Void> write(String connector, Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> offsets);

    /** Removes every offset of {@code connector}; completes once durable. */
    Mono<Void> remove(String connector);

    /** Completes once pending writes are durable; releases resources. */
    Mono<Void> stop();
}
