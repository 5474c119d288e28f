package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** Resolves a store's serdes: its own, else the application defaults, else a clear error. */
final class StoreSerdes {
    private StoreSerdes() {
    }

    @SuppressWarnings("unchecked")
    static <T> Serde<T> resolve(@Nullable Serde<T> own, @Nullable Serde<?> fallback, String store, String which) {
        if (own != null) {
            return own;
        }
        if (fallback != null) {
            return (Serde<T>) fallback;
        }
        throw new IllegalStateException("Store " + store + " has no " + which + " serde: give one with Materialized"
            + ".with(...) or set StreamsOptions.default" + (which.equals("key") ? "Key" : "Value") + "Serde");
    }
}
