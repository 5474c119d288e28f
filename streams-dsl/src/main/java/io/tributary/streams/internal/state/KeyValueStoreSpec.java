package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.StoreBuilder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store description; null serdes fall back to the application defaults, a null store type to its
 * {@code default.dsl.store}. Immutable.
 */
public record KeyValueStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                      boolean loggingEnabled, Map<String, String> changelogConfig,
                                      @Nullable StoreType storeType)
    implements StoreBuilder<KeyValueStore<K, V>>, StoreFactory {

    public KeyValueStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
    }

    /** A store of the application's default type. */
    public KeyValueStoreSpec(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                             boolean loggingEnabled, Map<String, String> changelogConfig) {
        this(name, keySerde, valueSerde, loggingEnabled, changelogConfig, null);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        return new KeyValueStoreSpec<>(name, keySerde, valueSerde, false, Map.of(), storeType);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new KeyValueStoreSpec<>(name, keySerde, valueSerde, true, config, storeType);
    }

    @Override
    public boolean persistent(StoreType defaultType) {
        return (storeType != null ? storeType : defaultType) == StoreType.ROCKS_DB;
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        ChangeLogger logger = loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE;
        if (persistent(context.defaultStoreType())) {
            return new TimestampedKeyValueStore<>(name, k, v, loggingEnabled, logger, context::recordTimestamp,
                context.openPersistent(name, loggingEnabled));
        }
        return new InMemoryKeyValueStore<>(name, k, v, loggingEnabled, logger, context::recordTimestamp);
    }
}
