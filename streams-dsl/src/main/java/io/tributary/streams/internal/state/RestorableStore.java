package io.tributary.streams.internal.state;

import io.tributary.streams.state.StateStore;
import org.jspecify.annotations.Nullable;

/** A store that can replay its changelog: each changelog record is applied as it was written, without logging. */
public interface RestorableStore extends StateStore {
    void restore(byte[] key, byte @Nullable [] value, long timestamp);
}
