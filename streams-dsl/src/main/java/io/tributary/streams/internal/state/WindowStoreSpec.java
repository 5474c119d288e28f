package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.state.StoreBuilder;
import io.tributary.streams.state.WindowStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An in-memory window store description; null serdes fall back to the application defaults. Immutable. */
public record WindowStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                     long retentionMs, long windowSizeMs, boolean loggingEnabled,
                                     Map<String, String> changelogConfig)
    implements StoreBuilder<WindowStore<K, V>>, StoreFactory {

    public WindowStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
        if (windowSizeMs <= 0 || retentionMs < windowSizeMs) {
            throw new IllegalArgumentException("Window store " + name + " needs 0 < window size <= retention, was "
                + windowSizeMs + " and " + retentionMs);
        }
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingDisabled() {
        return new WindowStoreSpec<>(name, keySerde, valueSerde, retentionMs, windowSizeMs, false, Map.of());
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new WindowStoreSpec<>(name, keySerde, valueSerde, retentionMs, windowSizeMs, true, config);
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return new InMemoryWindowStore<>(name, k, v, retentionMs, windowSizeMs, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE, context::recordTimestamp);
    }
}
