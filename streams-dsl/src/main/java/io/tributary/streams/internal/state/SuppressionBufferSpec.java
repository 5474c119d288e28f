package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A suppression buffer description; null serdes fall back to the application defaults. Immutable. */
public record SuppressionBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                          long windowSizeMs) implements StoreFactory {
    public SuppressionBufferSpec {
        requireNonNull(name, "name");
    }

    @Override
    public boolean loggingEnabled() {
        return true;
    }

    @Override
    public Map<String, String> changelogConfig() {
        return Map.of();
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.resolve(keySerde, context.defaultKeySerde(), name, "key");
        Serde<V> v = StoreSerdes.resolve(valueSerde, context.defaultValueSerde(), name, "value");
        return new SuppressionBuffer<>(name, k, v, windowSizeMs, true, context.changeLogger(name));
    }
}
