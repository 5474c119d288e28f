package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** What a store needs from its task. Implemented by the engine's task context. */
public interface StoreContext {
    /** The changelog of {@code storeName} for this task (or {@link ChangeLogger#NONE}). */
    ChangeLogger changeLogger(String storeName);

    /** The timestamp of the record being processed (stores log writes with it). */
    long recordTimestamp();

    @Nullable Serde<?> defaultKeySerde();

    @Nullable Serde<?> defaultValueSerde();
}
