package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import io.tributary.streams.state.SessionStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory session store: aggregates by (key bytes, session end, session start). Sessions that end
 * {@code retention} or more before the latest session end written are dropped, and writes to them are ignored, as
 * in Kafka Streams' in-memory session store. Logged with key = key bytes + 8-byte end + 8-byte start (Kafka
 * Streams' session key layout). Written by its task's thread only; readable from any thread.
 */
public final class InMemorySessionStore<K, V> extends SerdeStore<K, V> implements SessionStore<K, V> {
    /** A session: sessions of one key are found by end, then start from latest to earliest (Kafka's order). */
    private record Slot(Bytes key, long end, long start) {
        byte[] toChangelogKey() {
            byte[] k = key.get();
            return ByteBuffer.allocate(k.length + 16).put(k).putLong(end).putLong(start).array();
        }

        static Slot fromChangelogKey(byte[] bytes) {
            if (bytes.length < 16) {
                throw new IllegalArgumentException("A session changelog key has at least 16 bytes, was "
                    + bytes.length);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, bytes.length - 16, 16);
            long end = b.getLong();
            return new Slot(Bytes.wrap(Arrays.copyOf(bytes, bytes.length - 16)), end, b.getLong());
        }
    }

    private static final Comparator<Slot> BY_END = Comparator.comparingLong(Slot::end)
        .thenComparing(Slot::key)
        .thenComparing(Comparator.comparingLong(Slot::start).reversed());
    private static final Comparator<Slot> BY_KEY = Comparator.comparing(Slot::key)
        .thenComparingLong(Slot::end)
        .thenComparing(Comparator.comparingLong(Slot::start).reversed());

    private final long retentionMs;
    private final LongSupplier recordTimestamp;
    // By end, to expire; by key, to find a key's sessions without scanning the other keys'.
    private final NavigableMap<Slot, byte[]> byEnd = new ConcurrentSkipListMap<>(BY_END);
    private final NavigableSet<Slot> byKey = new ConcurrentSkipListSet<>(BY_KEY);
    private volatile long observedStreamTime = -1;

    public InMemorySessionStore(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs,
                                boolean logging, ChangeLogger logger, LongSupplier recordTimestamp) {
        super(name, keySerde, valueSerde, logging, logger);
        this.retentionMs = retentionMs;
        this.recordTimestamp = recordTimestamp;
    }

    @Override
    public void put(Windowed<K> session, @Nullable V aggregate) {
        Slot slot = slot(session);
        byte[] v = serializeValue(aggregate);
        if (write(slot, v)) {
            log(slot.toChangelogKey(), v, recordTimestamp.getAsLong());
        }
    }

    @Override
    public void remove(Windowed<K> session) {
        Slot slot = slot(session);
        delete(slot);
        log(slot.toChangelogKey(), null, recordTimestamp.getAsLong());
    }

    @Override
    public @Nullable V fetchSession(K key, long start, long end) {
        if (expired(end)) {
            return null;
        }
        byte[] v = byEnd.get(new Slot(Bytes.wrap(serializeKey(key)), end, start));
        return v == null ? null : deserializeValue(v);
    }

    @Override
    public List<KeyValue<Windowed<K>, V>> findSessions(K key, long earliestEnd, long latestStart) {
        Bytes k = Bytes.wrap(serializeKey(key));
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (Slot s : byKey.subSet(new Slot(k, earliestEnd, Long.MAX_VALUE), true,
            new Slot(k, Long.MAX_VALUE, Long.MIN_VALUE), true)) {
            byte[] v = byEnd.get(s);
            if (s.start() <= latestStart && !expired(s.end()) && v != null) {
                out.add(KeyValue.pair(new Windowed<>(key, new Window(s.start(), s.end())), deserializeValue(v)));
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
        write(Slot.fromChangelogKey(key), value);
    }

    private Slot slot(Windowed<K> session) {
        return new Slot(Bytes.wrap(serializeKey(requireNonNull(session, "session").key())), session.window().end(),
            session.window().start());
    }

    /** Applies a write unless its session is beyond retention; returns whether it was applied. */
    private boolean write(Slot slot, byte @Nullable [] value) {
        if (slot.end() > observedStreamTime) {
            observedStreamTime = slot.end();
            while (!byEnd.isEmpty() && expired(byEnd.firstKey().end())) {
                delete(byEnd.firstKey());
            }
        }
        if (expired(slot.end())) {
            return false;
        }
        if (value == null) {
            delete(slot);
        } else {
            byEnd.put(slot, value);
            byKey.add(slot);
        }
        return true;
    }

    private void delete(Slot slot) {
        byEnd.remove(slot);
        byKey.remove(slot);
    }

    private boolean expired(long sessionEnd) {
        return sessionEnd <= observedStreamTime - retentionMs;
    }
}
