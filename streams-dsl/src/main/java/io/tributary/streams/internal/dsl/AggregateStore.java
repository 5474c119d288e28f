package io.tributary.streams.internal.dsl;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The store of an aggregation, as its optional {@link Materialized} asks for it: the user's name or a generated
 * one, the user's serdes or the stream's, and logging and the record cache on unless turned off. Shared by the
 * per-key and windowed aggregations so both name and configure their stores the same way, store type included.
 */
record AggregateStore<K, VA>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<VA> valueSerde,
                             boolean loggingEnabled, Map<String, String> changelogConfig, boolean cachingEnabled,
                             Materialized.@Nullable StoreType storeType) {

    /**
     * Resolves the store of {@code operation}; {@code keySerde} and {@code valueSerde} are used where
     * {@code materialized} (if any) gives none.
     */
    static <K, VA> AggregateStore<K, VA> of(DslBuilder builder, String operation,
                                            @Nullable Materialized<K, VA> materialized, @Nullable Serde<K> keySerde,
                                            @Nullable Serde<VA> valueSerde) {
        String name = builder.stateName(materialized == null ? null : materialized.storeName(),
            "KSTREAM-AGGREGATE-STATE-STORE", operation + " (name it with Materialized.as)");
        if (materialized == null) {
            return new AggregateStore<>(name, keySerde, valueSerde, true, Map.of(), true, null);
        }
        return new AggregateStore<>(name, materialized.keySerde() != null ? materialized.keySerde() : keySerde,
            materialized.valueSerde() != null ? materialized.valueSerde() : valueSerde,
            materialized.loggingEnabled(), materialized.changelogConfig(), materialized.cachingEnabled(),
            materialized.storeType());
    }
}
