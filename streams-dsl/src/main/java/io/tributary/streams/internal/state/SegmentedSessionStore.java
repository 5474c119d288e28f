package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import io.tributary.streams.state.SessionStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A session store on a {@link BytesStore} (RocksDB) split into {@link TimeSegments} by session end. Within a
 * segment keys are the escaped key bytes, the end, then the start in descending order ({@link OrderedBytes}): a
 * key's sessions by end, latest start first, {@link InMemorySessionStore}'s order, so that
 * {@link #findSessions} is one range scan per live segment. Retention, the writes it ignores, the changelog format
 * (key bytes + 8-byte end + 8-byte start) and every query's result are the in-memory store's. Written by its task's
 * thread only; readable from any thread if its bytes store is.
 */
public final class SegmentedSessionStore<K, V> extends BytesBackedStore<K, V> implements SessionStore<K, V> {
    private static final int TIMES = 2 * OrderedBytes.LONG;

    private final LongSupplier recordTimestamp;
    private final TimeSegments segments;

    public SegmentedSessionStore(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs,
                                 boolean logging, ChangeLogger logger, LongSupplier recordTimestamp,
                                 BytesStore bytes) {
        super(name, keySerde, valueSerde, logging, logger, bytes);
        this.recordTimestamp = recordTimestamp;
        this.segments = new TimeSegments(bytes, retentionMs);
    }

    @Override
    public void put(Windowed<K> session, @Nullable V aggregate) {
        byte[] k = serializeKey(requireNonNull(session, "session").key());
        byte[] v = serializeValue(aggregate);
        long timestamp = recordTimestamp.getAsLong();
        if (write(k, session.window(), v, timestamp)) {
            log(changelogKey(k, session.window()), v, timestamp);
        }
    }

    /** Removes a session whatever its age, without moving stream time (as the in-memory store does). */
    @Override
    public void remove(Windowed<K> session) {
        byte[] k = serializeKey(requireNonNull(session, "session").key());
        Window w = session.window();
        segments.delete(w.end(), suffix(OrderedBytes.escape(k), w.end(), w.start()));
        log(changelogKey(k, w), null, recordTimestamp.getAsLong());
    }

    @Override
    public @Nullable V fetchSession(K key, long start, long end) {
        if (segments.expired(end)) {
            return null;
        }
        StoredValue s = segments.get(end, suffix(OrderedBytes.escape(serializeKey(key)), end, start));
        return s == null ? null : deserializeValue(s.value());
    }

    @Override
    public List<KeyValue<Windowed<K>, V>> findSessions(K key, long earliestEnd, long latestStart) {
        byte[] escaped = OrderedBytes.escape(serializeKey(key));
        // From the key's sessions ending at earliestEnd (a shorter key sorts first) to the key's last session.
        byte[] from = ByteBuffer.allocate(escaped.length + OrderedBytes.LONG)
            .put(escaped)
            .putLong(OrderedBytes.ascending(earliestEnd))
            .array();
        byte[] to = OrderedBytes.upperBound(escaped, TIMES);
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (BytesEntry e : segments.range(earliestEnd, Long.MAX_VALUE, from, to)) {
            long end = OrderedBytes.ascending(OrderedBytes.readLong(e.key(), escaped.length));
            long start = OrderedBytes.descending(OrderedBytes.readLong(e.key(), escaped.length + OrderedBytes.LONG));
            if (start <= latestStart && !segments.expired(end)) {
                Windowed<K> session = new Windowed<>(key, new Window(start, end));
                out.add(KeyValue.pair(session, deserializeValue(e.value().value())));
            }
        }
        return out;
    }

    @Override
    public List<KeyValue<Windowed<K>, V>> fetch(K key) {
        return findSessions(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        if (key.length < TIMES) {
            throw new IllegalArgumentException("A session changelog key has at least 16 bytes, was " + key.length);
        }
        Window w = new WindowedKeyLayout.Session().window(key);
        byte[] k = new byte[key.length - TIMES];
        System.arraycopy(key, 0, k, 0, k.length);
        write(k, w, value, timestamp);
    }

    /** Applies a write unless its session is beyond retention; returns whether it was applied. */
    private boolean write(byte[] key, Window window, byte @Nullable [] value, long timestamp) {
        segments.advance(window.end());
        if (segments.expired(window.end())) {
            return false;
        }
        byte[] suffix = suffix(OrderedBytes.escape(key), window.end(), window.start());
        if (value == null) {
            segments.delete(window.end(), suffix);
        } else {
            segments.put(window.end(), suffix, new StoredValue(value, timestamp));
        }
        return true;
    }

    private static byte[] suffix(byte[] escapedKey, long end, long start) {
        return ByteBuffer.allocate(escapedKey.length + TIMES)
            .put(escapedKey)
            .putLong(OrderedBytes.ascending(end))
            .putLong(OrderedBytes.descending(start))
            .array();
    }

    private static byte[] changelogKey(byte[] key, Window window) {
        return ByteBuffer.allocate(key.length + TIMES).put(key).putLong(window.end()).putLong(window.start()).array();
    }
}
