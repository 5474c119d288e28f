package io.tributary.streams.internal.engine;

import io.tributary.streams.KeyValue;
import io.tributary.streams.state.KeyValueStore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a task's processors and interactive queries get for a global store: reads go to the shared store, writes
 * fail, since only the global topic may change it (a processor's write would reach one instance only, and be lost
 * on restart). Thread-safety as the wrapped store's.
 */
public final class ReadOnlyGlobalStore<K, V> implements KeyValueStore<K, V> {
    private final KeyValueStore<K, V> store;

    public ReadOnlyGlobalStore(KeyValueStore<K, V> store) {
        this.store = store;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public @Nullable V get(K key) {
        return store.get(key);
    }

    @Override
    public List<KeyValue<K, V>> range(K from, K to) {
        return store.range(from, to);
    }

    @Override
    public List<KeyValue<K, V>> all() {
        return store.all();
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    @Override
    public void put(K key, @Nullable V value) {
        throw readOnly();
    }

    @Override
    public @Nullable V putIfAbsent(K key, V value) {
        throw readOnly();
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        throw readOnly();
    }

    @Override
    public @Nullable V delete(K key) {
        throw readOnly();
    }

    private UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("Global store " + name() + " is read-only: only its topic "
            + "changes it");
    }
}
