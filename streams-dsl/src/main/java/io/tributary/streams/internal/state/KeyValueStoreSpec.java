package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.StoreBuilder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An in-memory key-value store description; null serdes fall back to the application defaults. Immutable. */
public record KeyValueStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                      boolean loggingEnabled, Map<String, String> changelogConfig)
    implements StoreBuilder<KeyValueStore<K, V>>, StoreFactory {

    public KeyValueStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        return new KeyValueStoreSpec<>(name, keySerde, valueSerde, false, Map.of());
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new KeyValueStoreSpec<>(name, keySerde, valueSerde, true, config);
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return new InMemoryKeyValueStore<>(name, k, v, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE,
            context::recordTimestamp);
    }
}
