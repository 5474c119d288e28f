package io.tributary.streams.internal.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * The shared store of a stream-stream left or outer join: records of either side that found no partner yet, kept
 * until their window plus grace has passed (then the join emits them joined with null) or until a partner arrives
 * (then they are removed). Ordered by timestamp, then side (right before left), then key bytes; records with equal
 * timestamp, side and key stay together in arrival order. That is the order of Kafka Streams' outer join store (a
 * list-value store keyed by timestamp, side flag and key), which decides the order of the null-joined results.
 * Logged with key = 8-byte timestamp + side byte (1 left, 0 right) + key bytes, value = the values, each as a 4-byte
 * length and its bytes ({@link ValueList}); a tombstone once removed. {@link InMemoryOuterJoinBuffer} or
 * {@link BytesOuterJoinBuffer} (RocksDB), with the same behaviour and changelog.
 *
 * <p>It also holds the join's time, which both join processors of a task share: the largest timestamp either has
 * seen, and a lower bound of the pending timestamps. Like Kafka Streams' per-task time tracker these are neither
 * logged nor kept on disk, so they start afresh when the task is restored or reopened. Written and read by its
 * task's thread only.
 *
 * @param <VL> the left stream's value type
 * @param <VR> the right stream's value type
 */
public interface OuterJoinBuffer<K, VL, VR> extends RestorableStore {
    /** Where pending records are kept: one slot per timestamp, side and key. */
    record Slot(long timestamp, boolean leftSide, Bytes key) implements Comparable<Slot> {
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
            if (bytes.length < 9) {
                throw new IllegalArgumentException("An outer join changelog key has at least 9 bytes, was "
                    + bytes.length);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Slot(b.getLong(), b.get() == 1, Bytes.wrap(Arrays.copyOfRange(bytes, 9, bytes.length)));
        }
    }

    /** A pending record: its slot, key, and value on its side (the other side's is null). */
    record Pending<K, VL, VR>(Slot slot, K key, @Nullable VL left, @Nullable VR right) {
        public long timestamp() {
            return slot.timestamp();
        }
    }

    /** Keeps a record of one side; {@code value} is a {@code VL} if {@code leftSide}, else a {@code VR}. */
    void put(K key, long timestamp, boolean leftSide, Object value);

    /** Removes the records of one side with this key and timestamp (they found a partner), if there are any. */
    void remove(K key, long timestamp, boolean leftSide);

    /** Removes the records of a slot. */
    void remove(Slot slot);

    /** The pending records in order, one by one; removing slots already passed while iterating is allowed. */
    Iterator<Pending<K, VL, VR>> pending();

    /** The join's times, kept with its buffer since both sides of the join share them. */
    JoinClock clock();
}
