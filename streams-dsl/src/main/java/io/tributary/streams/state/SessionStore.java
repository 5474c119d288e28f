package io.tributary.streams.state;

import io.tributary.streams.Windowed;
import org.jspecify.annotations.Nullable;

/**
 * A session store a processor reads and writes; writes are logged like {@link KeyValueStore}'s.
 *
 * @since 0.1
 */
public interface SessionStore<K, V> extends StateStore, ReadOnlySessionStore<K, V> {
    /** Sets the aggregate of a session; null removes it. Writes to sessions past retention are ignored. */
    void put(Windowed<K> session, @Nullable V aggregate);

    /** Removes a session. */
    void remove(Windowed<K> session);
}
