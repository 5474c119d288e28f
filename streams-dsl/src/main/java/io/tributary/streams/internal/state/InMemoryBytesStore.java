package io.tributary.streams.internal.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/** A {@link BytesStore} on a concurrent sorted map: one writer, readers on any thread. */
public final class InMemoryBytesStore implements BytesStore {
    private final NavigableMap<Bytes, StoredValue> map = new ConcurrentSkipListMap<>();

    @Override
    public @Nullable StoredValue get(byte[] key) {
        return map.get(Bytes.wrap(key));
    }

    @Override
    public void put(byte[] key, StoredValue value) {
        map.put(Bytes.wrap(key), value);
    }

    @Override
    public void delete(byte[] key) {
        map.remove(Bytes.wrap(key));
    }

    @Override
    public void deleteRange(byte[] from, byte[] to) {
        Bytes f = Bytes.wrap(from);
        Bytes t = Bytes.wrap(to);
        if (f.compareTo(t) < 0) {
            map.subMap(f, true, t, false).clear();
        }
    }

    @Override
    public List<BytesEntry> range(byte[] from, byte[] to) {
        Bytes f = Bytes.wrap(from);
        Bytes t = Bytes.wrap(to);
        return f.compareTo(t) > 0 ? List.of() : list(map.subMap(f, true, t, true));
    }

    @Override
    public List<BytesEntry> page(byte[] from, int limit) {
        List<BytesEntry> out = new ArrayList<>(Math.min(limit, 64));
        for (Map.Entry<Bytes, StoredValue> e : map.tailMap(Bytes.wrap(from), true).entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new BytesEntry(e.getKey().get(), e.getValue()));
        }
        return out;
    }

    @Override
    public List<BytesEntry> prefixScan(byte[] prefix) {
        List<BytesEntry> out = new ArrayList<>();
        for (Map.Entry<Bytes, StoredValue> e : map.tailMap(Bytes.wrap(prefix), true).entrySet()) {
            byte[] key = e.getKey().get();
            if (!startsWith(key, prefix)) {
                break;
            }
            out.add(new BytesEntry(key, e.getValue()));
        }
        return out;
    }

    @Override
    public List<BytesEntry> all() {
        return list(map);
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static List<BytesEntry> list(Map<Bytes, StoredValue> entries) {
        List<BytesEntry> out = new ArrayList<>(entries.size());
        entries.forEach((k, v) -> out.add(new BytesEntry(k.get(), v)));
        return out;
    }
}
