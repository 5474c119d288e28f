package io.tributary.streams.internal.state;

import io.tributary.streams.Materialized;
import java.util.Map;

/** Builds one store instance per task; what every {@code StoreBuilder} and DSL-made store is underneath. */
public interface StoreFactory {
    String name();

    boolean loggingEnabled();

    /** Topic configs for the changelog; none by default, so the broker's defaults apply (internal buffers). */
    default Map<String, String> changelogConfig() {
        return Map.of();
    }

    /** Whether the store keeps its data on disk, given the application's {@code default.dsl.store}. */
    default boolean persistent(Materialized.StoreType defaultType) {
        return false;
    }

    RestorableStore create(StoreContext context);
}
