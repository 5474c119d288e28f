package io.tributary.streams.state;

import io.tributary.streams.KeyValue;
import io.tributary.streams.Windowed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads of a session store: aggregates per key and session {@code [start, end]}. Sessions that ended more than the
 * store's retention before the latest session end written (stream time) are gone. Safe to call from any thread;
 * lists are snapshots.
 *
 * @since 0.1
 */
public interface ReadOnlySessionStore<K, V> {
    /** The aggregate of {@code key}'s session from {@code start} to {@code end}, or null. */
    @Nullable V fetchSession(K key, long start, long end);

    /**
     * The sessions of {@code key} that end at or after {@code earliestEnd} and start at or before
     * {@code latestStart}, ordered by end, then by start from latest to earliest (Kafka Streams' order).
     */
    List<KeyValue<Windowed<K>, V>> findSessions(K key, long earliestEnd, long latestStart);

    /** Every session of {@code key}, in the order of {@link #findSessions}. */
    List<KeyValue<Windowed<K>, V>> fetch(K key);
}
