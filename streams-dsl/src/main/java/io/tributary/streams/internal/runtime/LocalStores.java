package io.tributary.streams.internal.runtime;

import io.tributary.streams.KeyValue;
import io.tributary.streams.Windowed;
import io.tributary.streams.internal.engine.StreamTask;
import io.tributary.streams.state.ReadOnlyKeyValueStore;
import io.tributary.streams.state.ReadOnlySessionStore;
import io.tributary.streams.state.ReadOnlyWindowStore;
import io.tributary.streams.state.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Read-only views over one store's instances in the current tasks, for interactive queries. The task collection is
 * read anew on every call, so the views follow rebalances. Thread-safe (the stores' maps are concurrent).
 */
final class LocalStores {
    private LocalStores() {
    }

    @SuppressWarnings("unchecked")
    private static <S> List<S> instances(Supplier<Collection<StreamTask>> tasks, String name, Class<?> type) {
        List<S> out = new ArrayList<>();
        for (StreamTask t : tasks.get()) {
            StateStore s = t.stores().get(name);
            if (type.isInstance(s)) {
                out.add((S) s);
            }
        }
        return out;
    }

    static <K, V> ReadOnlyKeyValueStore<K, V> keyValue(Supplier<Collection<StreamTask>> tasks, String name) {
        return new ReadOnlyKeyValueStore<>() {
            private List<ReadOnlyKeyValueStore<K, V>> stores() {
                return instances(tasks, name, ReadOnlyKeyValueStore.class);
            }

            @Override
            public @Nullable V get(K key) {
                for (ReadOnlyKeyValueStore<K, V> s : stores()) {
                    V v = s.get(key);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }

            @Override
            public List<KeyValue<K, V>> range(K from, K to) {
                List<KeyValue<K, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.range(from, to)));
                return out;
            }

            @Override
            public List<KeyValue<K, V>> all() {
                List<KeyValue<K, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.all()));
                return out;
            }

            @Override
            public long approximateNumEntries() {
                return stores().stream().mapToLong(ReadOnlyKeyValueStore::approximateNumEntries).sum();
            }
        };
    }

    static <K, V> ReadOnlyWindowStore<K, V> window(Supplier<Collection<StreamTask>> tasks, String name) {
        return new ReadOnlyWindowStore<>() {
            private List<ReadOnlyWindowStore<K, V>> stores() {
                return instances(tasks, name, ReadOnlyWindowStore.class);
            }

            @Override
            public @Nullable V fetch(K key, long windowStart) {
                for (ReadOnlyWindowStore<K, V> s : stores()) {
                    V v = s.fetch(key, windowStart);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }

            @Override
            public List<KeyValue<Long, V>> fetch(K key, long timeFrom, long timeTo) {
                List<KeyValue<Long, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.fetch(key, timeFrom, timeTo)));
                return out;
            }

            @Override
            public List<KeyValue<Windowed<K>, V>> all() {
                List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.all()));
                return out;
            }
        };
    }

    static <K, V> ReadOnlySessionStore<K, V> session(Supplier<Collection<StreamTask>> tasks, String name) {
        return new ReadOnlySessionStore<>() {
            private List<ReadOnlySessionStore<K, V>> stores() {
                return instances(tasks, name, ReadOnlySessionStore.class);
            }

            @Override
            public @Nullable V fetchSession(K key, long start, long end) {
                for (ReadOnlySessionStore<K, V> s : stores()) {
                    V v = s.fetchSession(key, start, end);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }

            @Override
            public List<KeyValue<Windowed<K>, V>> findSessions(K key, long earliestEnd, long latestStart) {
                List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.findSessions(key, earliestEnd, latestStart)));
                return out;
            }

            @Override
            public List<KeyValue<Windowed<K>, V>> fetch(K key) {
                List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
                stores().forEach(s -> out.addAll(s.fetch(key)));
                return out;
            }
        };
    }
}
