package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** Resolves a store's serdes: its own, else the application defaults, else a clear error. */
final class StoreSerdes {
    private StoreSerdes() {
    }

    /** The key serde of {@code store}: its own, else the application default. */
    static <K> Serde<K> key(@Nullable Serde<K> own, StoreContext context, String store) {
        return resolve(own, context.defaultKeySerde(), store, "key");
    }

    /** The value serde of {@code store}: its own, else the application default. */
    static <V> Serde<V> value(@Nullable Serde<V> own, StoreContext context, String store) {
        return resolve(own, context.defaultValueSerde(), store, "value");
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> resolve(@Nullable Serde<T> own, @Nullable Serde<?> fallback, String store,
                                        String which) {
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
