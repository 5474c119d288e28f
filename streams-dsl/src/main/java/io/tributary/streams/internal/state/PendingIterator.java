package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.streams.internal.state.OuterJoinBuffer.Slot;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The pending records of an {@link OuterJoinBuffer}, slot after slot and each slot's values in arrival order,
 * decoded as their side says; an implementation says only where the next slot comes from. Task thread only.
 */
abstract class PendingIterator<K, VL, VR> implements Iterator<OuterJoinBuffer.Pending<K, VL, VR>> {
    private final Function<byte[], K> keys;
    private final Function<byte[], VL> leftValues;
    private final Function<byte[], VR> rightValues;
    private @Nullable Slot slot;
    private @Nullable K key;
    private Iterator<byte[]> values = List.<byte[]>of().iterator();

    PendingIterator(Function<byte[], K> keys, Function<byte[], VL> leftValues, Function<byte[], VR> rightValues) {
        this.keys = keys;
        this.leftValues = leftValues;
        this.rightValues = rightValues;
    }

    /** The next slot in order with its value bytes, or null when there is none. */
    abstract Map.@Nullable Entry<Slot, List<byte[]>> nextSlot();

    @Override
    public final boolean hasNext() {
        while (!values.hasNext()) {
            Map.Entry<Slot, List<byte[]>> next = nextSlot();
            if (next == null) {
                return false;
            }
            slot = next.getKey();
            key = keys.apply(next.getKey().key().get());
            values = next.getValue().iterator();
        }
        return true;
    }

    @Override
    public final OuterJoinBuffer.Pending<K, VL, VR> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] v = values.next();
        Slot s = requireNonNull(slot);
        return s.leftSide() ? new OuterJoinBuffer.Pending<>(s, requireNonNull(key), leftValues.apply(v), null)
            : new OuterJoinBuffer.Pending<>(s, requireNonNull(key), null, rightValues.apply(v));
    }
}
