package io.tributary.connect.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The committed source offsets of every connector in memory, by source partition, as offset stores keep them
 * between reads and writes. Two partition maps with the same entries name the same partition whatever their
 * numbers' Java types (they are compared as canonical JSON). Thread-safe.
 */
public final class OffsetTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** connector -> canonical partition JSON -> entry. Guarded by {@code this}. */
    private final Map<String, Map<String, Entry>> offsets = new TreeMap<>();

    private record Entry(Map<String, Object> partition, Map<String, Object> offset) {
    }

    /** The partition map as JSON with sorted keys. @throws IllegalArgumentException if it holds other values */
    public static String canonical(Map<String, ?> partition) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(partition));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A source partition must hold strings, numbers and booleans, was "
                + partition, e);
        }
    }

    /** Sets (or with a null offset removes) the offset of a connector's source partition. */
    public synchronized void put(String connector, Map<String, ?> partition, @Nullable Map<String, ?> offset) {
        Map<String, Entry> entries = offsets.computeIfAbsent(connector, c -> new LinkedHashMap<>());
        String key = canonical(partition);
        if (offset == null) {
            entries.remove(key);
        } else {
            entries.put(key, new Entry(Map.copyOf(partition), Map.copyOf(offset)));
        }
        if (entries.isEmpty()) {
            offsets.remove(connector);
        }
    }

    public synchronized @Nullable Map<String, Object> offset(String connector, Map<String, ?> partition) {
        Map<String, Entry> entries = offsets.get(connector);
        Entry e = entries == null ? null : entries.get(canonical(partition));
        return e == null ? null : e.offset();
    }

    /** Every offset of {@code connector}: source partition to offset, in the order first written. */
    public synchronized Map<Map<String, Object>, Map<String, Object>> offsets(String connector) {
        Map<Map<String, Object>, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Entry> entries = offsets.get(connector);
        if (entries != null) {
            entries.values().forEach(e -> out.put(e.partition(), e.offset()));
        }
        return out;
    }

    public synchronized void remove(String connector) {
        offsets.remove(connector);
    }

    /** Calls {@code visitor} with each connector (sorted) and its offsets, under the table's lock. */
    public synchronized void forEach(BiConsumer<String, Map<Map<String, Object>, Map<String, Object>>> visitor) {
        offsets.keySet().forEach(connector -> visitor.accept(connector, offsets(connector)));
    }
}
