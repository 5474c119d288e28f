package io.tributary.connect.transforms.internal;

import io.tributary.connect.data.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The derived schema per input schema of one transform instance, so records of the same schema share one derived
 * schema instead of rebuilding it per record. Keeps the 16 most recently used entries, as Kafka Connect's transforms
 * do. Thread-safe.
 */
public final class SchemaCache {
    private static final int CAPACITY = 16;

    private final Map<Schema, Schema> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Schema, Schema> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The cached schema derived from {@code input}, deriving and caching it first if absent. */
    public synchronized Schema get(Schema input, Function<Schema, Schema> derive) {
        Schema derived = entries.get(input);
        if (derived == null) {
            // Derive outside the map's own compute methods: a failing derivation must leave no entry behind.
            derived = derive.apply(input);
            entries.put(input, derived);
        }
        return derived;
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }
}
