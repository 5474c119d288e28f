package io.tributary.streams.internal.state;

import io.tributary.streams.state.StateStore;
import org.jspecify.annotations.Nullable;

/**
 * A store that can replay its changelog: each changelog record is applied as it was written, without logging. Its
 * task flushes it before a checkpoint and closes it with the task; both are no-ops for in-memory stores.
 */
public interface RestorableStore extends StateStore {
    void restore(byte[] key, byte @Nullable [] value, long timestamp);

    /** Whether the contents survive {@link #close()} (a RocksDB store) and so may be checkpointed. */
    default boolean persistent() {
        return false;
    }

    /** Makes the writes so far durable, before a checkpoint records the changelog offset they reflect. */
    default void flush() {
    }

    /** Releases the store's resources; a persistent store keeps its files. */
    default void close() {
    }
}
