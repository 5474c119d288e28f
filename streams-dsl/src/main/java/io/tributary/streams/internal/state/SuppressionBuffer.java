package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Windowed;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Holds the latest update of each window until the window closes, ordered by window end, then windowed key bytes
 * (the order Kafka Streams emits final results in). Every change is logged: key = key bytes + window (as
 * {@link WindowedKeyLayout} writes it), value = 8-byte record timestamp + value bytes, a tombstone once emitted or
 * deleted. Owned by one task; not thread-safe.
 */
public final class SuppressionBuffer<K, V> extends SerdeStore<K, V> {
    /** An update leaving the buffer. */
    public record Eviction<K, V>(Windowed<K> key, V value, long timestamp) {
    }

    /** What to do with evicted updates. */
    @FunctionalInterface
    public interface Emitter<K, V> {
        void emit(Eviction<K, V> eviction);
    }

    private record Slot(long windowEnd, Bytes key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = Long.compare(windowEnd, o.windowEnd);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private record Entry(byte[] value, long timestamp) {
    }

    private final WindowedKeyLayout layout;
    private final NavigableMap<Slot, Entry> byTime = new TreeMap<>();
    private final Map<Bytes, Slot> byKey = new HashMap<>();

    public SuppressionBuffer(String name, Serde<K> keySerde, Serde<V> valueSerde, WindowedKeyLayout layout,
                             boolean logging, ChangeLogger logger) {
        super(name, keySerde, valueSerde, logging, logger);
        this.layout = layout;
    }

    /**
     * Buffers the latest value of a window, replacing an earlier one; null removes it (Kafka Streams buffers such
     * a tombstone and drops it when the window closes, which emits the same).
     */
    public void put(Windowed<K> key, @Nullable V value, long timestamp) {
        byte[] k = requireNonNull(keySerde().serializer().serialize(name(), key.key()), "key bytes");
        byte[] logKey = ByteBuffer.allocate(k.length + layout.suffixLength()).put(k).put(layout.suffix(key.window()))
            .array();
        if (value == null && !byKey.containsKey(Bytes.wrap(logKey))) {
            return;   // nothing buffered to delete
        }
        byte[] v = serializeValue(value);
        byte[] logValue = v == null ? null : ByteBuffer.allocate(v.length + 8).putLong(timestamp).put(v).array();
        apply(logKey, logValue);
        log(logKey, logValue, timestamp);
    }

    /** Emits, in order, and removes the updates of windows that ended at or before {@code time}. */
    public void evictUntil(long time, Emitter<K, V> emitter) {
        while (!byTime.isEmpty() && byTime.firstKey().windowEnd() <= time) {
            Map.Entry<Slot, Entry> first = byTime.pollFirstEntry();
            Bytes logKey = first.getKey().key();
            byKey.remove(logKey);
            log(logKey.get(), null, first.getValue().timestamp());
            byte[] raw = logKey.get();
            K key = deserializeKey(Arrays.copyOf(raw, raw.length - layout.suffixLength()));
            V value = deserializeValue(first.getValue().value());
            emitter.emit(new Eviction<>(new Windowed<>(requireNonNull(key), layout.window(raw)), requireNonNull(value),
                first.getValue().timestamp()));
        }
    }

    public int size() {
        return byTime.size();
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        apply(key, value);
    }

    private void apply(byte[] logKey, byte @Nullable [] logValue) {
        Bytes k = Bytes.wrap(logKey);
        Slot old = byKey.remove(k);
        if (old != null) {
            byTime.remove(old);
        }
        if (logValue != null) {
            Slot slot = new Slot(layout.window(logKey).end(), k);
            ByteBuffer b = ByteBuffer.wrap(logValue);
            long timestamp = b.getLong();
            byTime.put(slot, new Entry(Arrays.copyOfRange(logValue, 8, logValue.length), timestamp));
            byKey.put(k, slot);
        }
    }
}
