package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.WindowStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A window store description; null serdes fall back to the application defaults, a null store type to its
 * {@code default.dsl.store}. Immutable.
 */
public record WindowStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                     long retentionMs, long windowSizeMs, boolean loggingEnabled,
                                     Map<String, String> changelogConfig, @Nullable StoreType storeType)
    implements StoreBuilder<WindowStore<K, V>>, StoreFactory {

    public WindowStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
        if (windowSizeMs <= 0 || retentionMs < windowSizeMs) {
            throw new IllegalArgumentException("Window store " + name + " needs 0 < window size <= retention, was "
                + windowSizeMs + " and " + retentionMs);
        }
    }

    /** A store of the application's default type. */
    public WindowStoreSpec(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde, long retentionMs,
                           long windowSizeMs, boolean loggingEnabled, Map<String, String> changelogConfig) {
        this(name, keySerde, valueSerde, retentionMs, windowSizeMs, loggingEnabled, changelogConfig, null);
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingDisabled() {
        return new WindowStoreSpec<>(name, keySerde, valueSerde, retentionMs, windowSizeMs, false, Map.of(),
            storeType);
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new WindowStoreSpec<>(name, keySerde, valueSerde, retentionMs, windowSizeMs, true, config, storeType);
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
            return new SegmentedWindowStore<>(name, k, v, retentionMs, windowSizeMs, loggingEnabled, logger,
                context::recordTimestamp, context.openPersistent(name, loggingEnabled));
        }
        return new InMemoryWindowStore<>(name, k, v, retentionMs, windowSizeMs, loggingEnabled, logger,
            context::recordTimestamp);
    }
}
