package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OuterJoinBuffer} in memory: a sorted map from slot to the slot's value bytes. Written and read by its
 * task's thread only.
 *
 * @param <VL> the left stream's value type
 * @param <VR> the right stream's value type
 */
public final class InMemoryOuterJoinBuffer<K, VL, VR> extends SerdeStore<K, VL>
    implements OuterJoinBuffer<K, VL, VR> {

    private final Serde<VR> rightSerde;
    // Each slot's values in arrival order; lists are replaced, never changed, so iterating one is safe.
    private final NavigableMap<Slot, List<byte[]>> map = new ConcurrentSkipListMap<>();
    private final JoinClock clock = new JoinClock();

    public InMemoryOuterJoinBuffer(String name, Serde<K> keySerde, Serde<VL> leftSerde, Serde<VR> rightSerde,
                                   boolean logging, ChangeLogger logger) {
        super(name, keySerde, leftSerde, logging, logger);
        this.rightSerde = rightSerde;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(K key, long timestamp, boolean leftSide, Object value) {
        byte[] v = leftSide ? serializeValue((VL) value) : rightSerde.serializer().serialize(name(), (VR) value);
        Slot slot = new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key)));
        List<byte[]> values = new ArrayList<>(map.getOrDefault(slot, List.of()));
        values.add(requireNonNull(v, "value bytes"));
        map.put(slot, List.copyOf(values));
        log(slot.toChangelogKey(), ValueList.encode(values), timestamp);
    }

    @Override
    public void remove(K key, long timestamp, boolean leftSide) {
        remove(new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key))));
    }

    @Override
    public void remove(Slot slot) {
        if (map.remove(slot) != null) {
            log(slot.toChangelogKey(), null, slot.timestamp());
        }
    }

    @Override
    public Iterator<Pending<K, VL, VR>> pending() {
        Iterator<Map.Entry<Slot, List<byte[]>>> slots = map.entrySet().iterator();
        return new PendingIterator<>(this::deserializeKey, this::deserializeValue,
            v -> rightSerde.deserializer().deserialize(name(), v)) {
            @Override
            Map.@Nullable Entry<Slot, List<byte[]>> nextSlot() {
                return slots.hasNext() ? slots.next() : null;
            }
        };
    }

    @Override
    public JoinClock clock() {
        return clock;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        Slot slot = Slot.fromChangelogKey(key);
        if (value == null) {
            map.remove(slot);
        } else {
            map.put(slot, ValueList.decode(value));
        }
    }
}
