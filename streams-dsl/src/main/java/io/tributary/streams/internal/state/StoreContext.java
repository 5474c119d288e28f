package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import org.jspecify.annotations.Nullable;

/** What a store needs from its task. Implemented by the engine's task context. */
public interface StoreContext {
    /** The changelog of {@code storeName} for this task (or {@link ChangeLogger#NONE}). */
    ChangeLogger changeLogger(String storeName);

    /** The timestamp of the record being processed (stores log writes with it). */
    long recordTimestamp();

    @Nullable Serde<?> defaultKeySerde();

    @Nullable Serde<?> defaultValueSerde();

    /** The type of stores that name none ({@code default.dsl.store}); in memory unless the context says otherwise. */
    default StoreType defaultStoreType() {
        return StoreType.IN_MEMORY;
    }

    /**
     * Opens the on-disk storage of persistent store {@code storeName} of this task (blocking file IO), after
     * deciding from the task's checkpoint whether its files can be trusted; {@code logged}: whether it has a
     * changelog to be restored from.
     *
     * @throws UnsupportedOperationException where stores cannot be persistent (global stores)
     */
    default BytesStore openPersistent(String storeName, boolean logged) {
        throw new UnsupportedOperationException("Store " + storeName + " cannot be persistent here");
    }
}
