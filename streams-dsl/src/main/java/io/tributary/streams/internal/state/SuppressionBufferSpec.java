package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * A suppression buffer description; null serdes fall back to the application defaults. The buffer of a windowed
 * table is keyed by windowed keys, written with {@code layout}; that of a plain table by the keys. Immutable.
 */
public record SuppressionBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                          @Nullable WindowedKeyLayout layout) implements StoreFactory {
    public SuppressionBufferSpec {
        requireNonNull(name, "name");
    }

    @Override
    public boolean loggingEnabled() {
        return true;
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return layout == null ? new SuppressionBuffer<>(name, k, v, true, context.changeLogger(name))
            : new SuppressionBuffer<>(name, WindowedKeySerde.of(k, layout), v, true, context.changeLogger(name));
    }
}
