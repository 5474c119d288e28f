package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OuterJoinBuffer} on a {@link BytesStore} (RocksDB). A slot's key is the timestamp
 * ({@link OrderedBytes#ascending}), the side byte (0 right, 1 left), then the key bytes: the key comes last, so its
 * raw bytes need no escaping and byte order is the slot order. The value is the slot's {@link ValueList}, which a
 * put appends to. Records leave when the join emits or matches them, not by retention, so there are no segments.
 * {@link #pending()} reads a page of slots at a time, so a scan that stops early (the join stops at the first open
 * window) reads little of a large buffer. Written and read by its task's thread only.
 *
 * @param <VL> the left stream's value type
 * @param <VR> the right stream's value type
 */
public final class BytesOuterJoinBuffer<K, VL, VR> extends BytesBackedStore<K, VL>
    implements OuterJoinBuffer<K, VL, VR> {
    private static final int HEADER = OrderedBytes.LONG + 1;
    private static final int PAGE = 128;

    private final Serde<VR> rightSerde;
    private final JoinClock clock = new JoinClock();

    public BytesOuterJoinBuffer(String name, Serde<K> keySerde, Serde<VL> leftSerde, Serde<VR> rightSerde,
                                boolean logging, ChangeLogger logger, BytesStore bytes) {
        super(name, keySerde, leftSerde, logging, logger, bytes);
        this.rightSerde = rightSerde;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(K key, long timestamp, boolean leftSide, Object value) {
        byte[] v = leftSide ? serializeValue((VL) value) : rightSerde.serializer().serialize(name(), (VR) value);
        Slot slot = new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key)));
        byte[] storeKey = storeKey(slot);
        StoredValue old = bytes().get(storeKey);
        byte[] values = ValueList.append(old == null ? null : old.value(), requireNonNull(v, "value bytes"));
        bytes().put(storeKey, new StoredValue(values, timestamp));
        log(slot.toChangelogKey(), values, timestamp);
    }

    @Override
    public void remove(K key, long timestamp, boolean leftSide) {
        remove(new Slot(timestamp, leftSide, Bytes.wrap(serializeKey(key))));
    }

    @Override
    public void remove(Slot slot) {
        byte[] storeKey = storeKey(slot);
        // Only a slot that holds records is logged as removed, as in memory.
        if (bytes().get(storeKey) != null) {
            bytes().delete(storeKey);
            log(slot.toChangelogKey(), null, slot.timestamp());
        }
    }

    @Override
    public Iterator<Pending<K, VL, VR>> pending() {
        return new PendingIterator<>(this::deserializeKey, this::deserializeValue,
            v -> rightSerde.deserializer().deserialize(name(), v)) {
            private byte[] from = new byte[0];
            private boolean lastPage;
            private Iterator<BytesEntry> page = List.<BytesEntry>of().iterator();

            @Override
            Map.@Nullable Entry<Slot, List<byte[]>> nextSlot() {
                BytesEntry next = nextEntry();
                return next == null ? null : Map.entry(slotOf(next.key()), ValueList.decode(next.value().value()));
            }

            private @Nullable BytesEntry nextEntry() {
                if (!page.hasNext()) {
                    if (lastPage) {
                        return null;
                    }
                    List<BytesEntry> entries = bytes().page(from, PAGE);
                    lastPage = entries.size() < PAGE;
                    if (entries.isEmpty()) {
                        return null;
                    }
                    // The next page starts just after this one's last key: that key followed by a zero byte.
                    byte[] last = entries.get(entries.size() - 1).key();
                    from = Arrays.copyOf(last, last.length + 1);
                    page = entries.iterator();
                }
                return page.next();
            }
        };
    }

    @Override
    public JoinClock clock() {
        return clock;
    }

    @Override
    public void restore(byte[] key, byte @Nullable [] value, long timestamp) {
        byte[] storeKey = storeKey(Slot.fromChangelogKey(key));
        if (value == null) {
            bytes().delete(storeKey);
        } else {
            bytes().put(storeKey, new StoredValue(value, timestamp));
        }
    }

    private static byte[] storeKey(Slot slot) {
        byte[] k = slot.key().get();
        return ByteBuffer.allocate(HEADER + k.length)
            .putLong(OrderedBytes.ascending(slot.timestamp()))
            .put((byte) (slot.leftSide() ? 1 : 0))
            .put(k)
            .array();
    }

    private static Slot slotOf(byte[] storeKey) {
        long timestamp = OrderedBytes.ascending(OrderedBytes.readLong(storeKey, 0));
        return new Slot(timestamp, storeKey[OrderedBytes.LONG] == 1,
            Bytes.wrap(Arrays.copyOfRange(storeKey, HEADER, storeKey.length)));
    }
}
