package io.tributary.streams.internal.state;

import org.jspecify.annotations.Nullable;

/** Receives every write of a store, to send it to the store's changelog topic; a null value is a tombstone. */
@FunctionalInterface
public interface ChangeLogger {
    /** Logs nothing: for stores with logging disabled, and while restoring. */
    ChangeLogger NONE = (key, value, timestamp) -> { };

    void log(byte[] key, byte @Nullable [] value, long timestamp);
}
