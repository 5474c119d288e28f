package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JoinBuffer} in memory: a sorted map from (key bytes, timestamp, sequence number) to value bytes, from
 * which expired records are removed as soon as stream time passes them. Written by its task's thread only.
 */
public final class InMemoryJoinBuffer<K, V> extends SerdeStore<K, V> implements JoinBuffer<K, V> {
    private record Slot(Bytes key, long timestamp, int seq) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = key.compareTo(o.key);
            if (c != 0) {
                return c;
            }
            c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : Integer.compare(seq, o.seq);
        }
    }

    private final long retentionMs;
    private final NavigableMap<Slot, byte[]> map = new ConcurrentSkipListMap<>();
    private long observedStreamTime = -1;
    private int seq;

    public InMemoryJoinBuffer(String name, Serde<K> keySerde, Serde<V> valueSerde, long retentionMs, boolean logging,
                      ChangeLogger logger) {
        super(name, keySerde, valueSerde, logging, logger);
        this.retentionMs = retentionMs;
    }

    @Override
    public void put(K key, @Nullable V value, long timestamp) {
        if (value == null) {
            advance(timestamp);
            return;
        }
        byte[] k = keyBytes(key);
        byte[] v = requireNonNull(serializeValue(value), "value bytes");
        Slot slot = new Slot(Bytes.wrap(k), timestamp, ++seq);
        if (apply(slot, v)) {
            log(ByteBuffer.allocate(k.length + 12).put(k).putLong(timestamp).putInt(slot.seq()).array(), v,
                timestamp);
        }
    }

    @Override
    public List<KeyValue<Long, V>> fetch(K key, long from, long to) {
        Bytes k = Bytes.wrap(keyBytes(key));
        long lower = Math.max(from, observedStreamTime - retentionMs + 1);
        List<KeyValue<Long, V>> out = new ArrayList<>();
        if (lower > to) {
            return out;
        }
        for (Map.Entry<Slot, byte[]> e : map.subMap(new Slot(k, lower, Integer.MIN_VALUE), true,
            new Slot(k, to, Integer.MAX_VALUE), true).entrySet()) {
            out.add(KeyValue.pair(e.getKey().timestamp(), deserializeValue(e.getValue())));
        }
        return out;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        ByteBuffer b = ByteBuffer.wrap(key, key.length - 12, 12);
        Slot slot = new Slot(Bytes.wrap(Arrays.copyOf(key, key.length - 12)), b.getLong(), b.getInt());
        seq = Math.max(seq, slot.seq());
        if (value == null) {
            map.remove(slot);
        } else {
            apply(slot, value);
        }
    }

    private void advance(long timestamp) {
        if (timestamp > observedStreamTime) {
            observedStreamTime = timestamp;
            map.keySet().removeIf(s -> s.timestamp() <= observedStreamTime - retentionMs);
        }
    }

    private boolean apply(Slot slot, byte[] value) {
        advance(slot.timestamp());
        if (slot.timestamp() <= observedStreamTime - retentionMs) {
            return false;
        }
        map.put(slot, value);
        return true;
    }

    private byte[] keyBytes(K key) {
        return requireNonNull(keySerde().serializer().serialize(name(), key), "key bytes");
    }
}
