package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The shared store of a stream-stream left or outer join: records of either side that found no partner yet, kept
 * until their window plus grace has passed (then the join emits them joined with null) or until a partner arrives
 * (then they are removed). Ordered by timestamp, then side (right before left), then key bytes; records with equal
 * timestamp, side and key stay together in arrival order. That is the order of Kafka Streams' outer join store (a
 * list-value store keyed by timestamp, side flag and key), which decides the order of the null-joined results.
 * Logged with key = 8-byte timestamp + side byte (1 left, 0 right) + key bytes, value = the values, each as a 4-byte
 * length and its bytes; a tombstone once removed.
 *
 * <p>It also holds the join's time, which both join processors of a task share: the largest timestamp either has
 * seen, and a lower bound of the pending timestamps. Like Kafka Streams' per-task time tracker these are not
 * logged, so they start afresh when the task is restored. Written and read by its task's thread only.
 *
 * @param <VL> the left stream's value type
 * @param <VR> the right stream's value type
 */
public final class OuterJoinBuffer<K, VL, VR> extends SerdeStore<K, VL> {
    /** Where pending records are kept: one slot per timestamp, side and key. */
    public record Slot(long timestamp, boolean leftSide, Bytes key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = Long.compare(timestamp, o.timestamp);
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(leftSide, o.leftSide);
            return c != 0 ? c : key.compareTo(o.key);
        }

        byte[] toChangelogKey() {
            byte[] k = key.get();
            return ByteBuffer.allocate(k.length + 9).putLong(timestamp).put((byte) (leftSide ? 1 : 0)).put(k).array();
        }

        static Slot fromChangelogKey(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Slot(b.getLong(), b.get() == 1, Bytes.wrap(Arrays.copyOfRange(bytes, 9, bytes.length)));
        }
    }

    /** A pending record: its slot, key, and value on its side (the other side's is null). */
    public record Pending<K, VL, VR>(Slot slot, K key, @Nullable VL left, @Nullable VR right) {
        public long timestamp() {
            return slot.timestamp();
        }
    }

    private final Serde<VR> rightSerde;
    // Each slot's values in arrival order; lists are replaced, never changed, so iterating one is safe.
    private final NavigableMap<Slot, List<byte[]>> map = new ConcurrentSkipListMap<>();
    private long streamTime = -1;
    private long minTime = Long.MAX_VALUE;

    public OuterJoinBuffer(String name, Serde<K> keySerde, Serde<VL> leftSerde, Serde<VR> rightSerde,
                           boolean logging, ChangeLogger logger) {
        super(name, keySerde, leftSerde, logging, logger);
        this.rightSerde = rightSerde;
    }

    /** Keeps a record of one side; {@code value} is a {@code VL} if {@code leftSide}, else a {@code VR}. */
    @SuppressWarnings("unchecked")
    public void put(K key, long timestamp, boolean leftSide, Object value) {
        byte[] v = leftSide ? serializeValue((VL) value) : rightSerde.serializer().serialize(name(), (VR) value);
        Slot slot = new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key)));
        List<byte[]> values = new ArrayList<>(map.getOrDefault(slot, List.of()));
        values.add(requireNonNull(v, "value bytes"));
        map.put(slot, List.copyOf(values));
        log(slot.toChangelogKey(), encode(values), timestamp);
    }

    /** Removes the records of one side with this key and timestamp (they found a partner), if there are any. */
    public void remove(K key, long timestamp, boolean leftSide) {
        remove(new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key))));
    }

    /** Removes the records of a slot. */
    public void remove(Slot slot) {
        if (map.remove(slot) != null) {
            log(slot.toChangelogKey(), null, slot.timestamp());
        }
    }

    /** The pending records in order, one by one; removing slots already passed while iterating is allowed. */
    public Iterator<Pending<K, VL, VR>> pending() {
        Iterator<Map.Entry<Slot, List<byte[]>>> slots = map.entrySet().iterator();
        return new Iterator<>() {
            private @Nullable Slot slot;
            private @Nullable K key;
            private Iterator<byte[]> values = List.<byte[]>of().iterator();

            @Override
            public boolean hasNext() {
                while (!values.hasNext() && slots.hasNext()) {
                    Map.Entry<Slot, List<byte[]>> next = slots.next();
                    slot = next.getKey();
                    key = deserializeKey(slot.key().get());
                    values = next.getValue().iterator();
                }
                return values.hasNext();
            }

            @Override
            public Pending<K, VL, VR> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] v = values.next();
                Slot s = requireNonNull(slot);
                return s.leftSide() ? new Pending<>(s, requireNonNull(key), deserializeValue(v), null)
                    : new Pending<>(s, requireNonNull(key), null, rightSerde.deserializer().deserialize(name(), v));
            }
        };
    }

    /** Moves the join's stream time on to {@code timestamp} if it is later. */
    public void observe(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    /** The largest timestamp the join has seen; -1 before the first. */
    public long streamTime() {
        return streamTime;
    }

    /** A lower bound of the pending timestamps as the join tracks it; {@link Long#MAX_VALUE} when unknown. */
    public long minTime() {
        return minTime;
    }

    public void minTime(long minTime) {
        this.minTime = minTime;
    }

    public int size() {
        return map.size();
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        Slot slot = Slot.fromChangelogKey(key);
        if (value == null) {
            map.remove(slot);
        } else {
            map.put(slot, decode(value));
        }
    }

    private static byte[] encode(List<byte[]> values) {
        int size = values.stream().mapToInt(v -> v.length + 4).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        values.forEach(v -> b.putInt(v.length).put(v));
        return b.array();
    }

    private static List<byte[]> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] v = new byte[b.getInt()];
            b.get(v);
            out.add(v);
        }
        return List.copyOf(out);
    }
}
