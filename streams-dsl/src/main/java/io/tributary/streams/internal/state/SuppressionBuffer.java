package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import io.tributary.serdes.Serde;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The buffer of {@code suppress}: per key, the latest update (a deletion too), ordered by its buffer time, then key
 * bytes (the order Kafka Streams emits in). The buffer time is set when the key enters the buffer and kept through
 * later updates: the window end for final results, the first update's timestamp for a time limit. Each entry also
 * keeps the value downstream saw last (the old value of the update that put the key in), so that the update emitted
 * carries it, and the headers of its latest update. Every change is logged: key = key bytes, value = 8-byte buffer
 * time, 8-byte record timestamp, the prior value and the value, each as a 4-byte length (-1: null) and bytes, then
 * the headers ({@link HeaderBytes}); a tombstone once emitted. Owned by one task; not thread-safe.
 */
public final class SuppressionBuffer<K, V> extends SerdeStore<K, V> {
    /** What {@link #sizeInBytes()} adds to each entry's key and value bytes: the times and lengths kept with it. */
    static final int ENTRY_OVERHEAD = 24;

    /**
     * An update leaving the buffer: its latest value (null: deleted), the value downstream saw last, the time and
     * headers of the latest update.
     */
    public record Eviction<K, V>(K key, @Nullable V value, @Nullable V priorValue, long timestamp,
                                 List<Header> headers) {
    }

    private record Slot(long time, Bytes key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private record Entry(long timestamp, byte @Nullable [] prior, byte @Nullable [] value, List<Header> headers) {
        long size(Bytes key) {
            return key.get().length + length(prior) + length(value) + ENTRY_OVERHEAD
                + (headers.isEmpty() ? 0 : HeaderBytes.size(headers) - Integer.BYTES);
        }
    }

    private final NavigableMap<Slot, Entry> byTime = new TreeMap<>();
    private final Map<Bytes, Slot> byKey = new HashMap<>();
    private long bytes;

    public SuppressionBuffer(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging,
                             ChangeLogger logger) {
        super(name, keySerde, valueSerde, logging, logger);
    }

    /**
     * Buffers the latest update of {@code key}: {@code value} (null: deleted), made at {@code timestamp}. A key not
     * buffered yet enters at {@code bufferTime}, with {@code oldValue} as the value downstream saw last; a buffered
     * one keeps both. {@code headers} are those of this update.
     */
    public void put(K key, @Nullable V value, @Nullable V oldValue, long bufferTime, long timestamp,
                    List<Header> headers) {
        Bytes k = Bytes.wrap(serializeKey(key));
        Slot slot = byKey.get(k);
        byte[] prior = slot != null ? byTime.get(slot).prior() : serializeValue(oldValue);
        long time = slot != null ? slot.time() : bufferTime;
        Entry entry = new Entry(timestamp, prior, serializeValue(value), List.copyOf(headers));
        apply(k, new Slot(time, k), entry);
        log(k.get(), encode(time, entry), timestamp);
    }

    /** The smallest buffer time, {@link Long#MAX_VALUE} when empty. */
    public long minTime() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey().time();
    }

    /** Removes the first entries, in order, while {@code condition} holds, handing each to {@code emitter}. */
    public void evictWhile(BooleanSupplier condition, Consumer<Eviction<K, V>> emitter) {
        while (!byTime.isEmpty() && condition.getAsBoolean()) {
            Map.Entry<Slot, Entry> first = byTime.pollFirstEntry();
            Bytes key = first.getKey().key();
            Entry entry = first.getValue();
            byKey.remove(key);
            bytes -= entry.size(key);
            log(key.get(), null, entry.timestamp());
            emitter.accept(new Eviction<>(requireNonNull(deserializeKey(key.get())), deserialize(entry.value()),
                deserialize(entry.prior()), entry.timestamp(), entry.headers()));
        }
    }

    /** How many keys are buffered. */
    public int size() {
        return byTime.size();
    }

    /** The buffered keys' and values' bytes, plus {@value #ENTRY_OVERHEAD} per entry. */
    public long sizeInBytes() {
        return bytes;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        Bytes k = Bytes.wrap(key);
        if (value == null) {
            remove(k);
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        long time = in.getLong();
        long recordTimestamp = in.getLong();
        byte[] prior = HeaderBytes.readNullable(in);
        byte[] latest = HeaderBytes.readNullable(in);
        apply(k, new Slot(time, k), new Entry(recordTimestamp, prior, latest, HeaderBytes.read(in)));
    }

    private void apply(Bytes key, Slot slot, Entry entry) {
        remove(key);
        byTime.put(slot, entry);
        byKey.put(key, slot);
        bytes += entry.size(key);
    }

    private void remove(Bytes key) {
        Slot old = byKey.remove(key);
        if (old != null) {
            bytes -= byTime.remove(old).size(key);
        }
    }

    private @Nullable V deserialize(byte @Nullable [] value) {
        return value == null ? null : deserializeValue(value);
    }

    private static byte[] encode(long time, Entry entry) {
        ByteBuffer out = ByteBuffer.allocate(24 + length(entry.prior()) + length(entry.value())
                + HeaderBytes.size(entry.headers()))
            .putLong(time)
            .putLong(entry.timestamp());
        HeaderBytes.writeNullable(out, entry.prior());
        HeaderBytes.writeNullable(out, entry.value());
        HeaderBytes.write(out, entry.headers());
        return out.array();
    }

    private static int length(byte @Nullable [] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
