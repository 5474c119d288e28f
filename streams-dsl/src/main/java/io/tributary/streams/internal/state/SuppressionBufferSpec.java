package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** A suppression buffer description; null serdes fall back to the application defaults. Immutable. */
public record SuppressionBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                          WindowedKeyLayout layout) implements StoreFactory {
    public SuppressionBufferSpec {
        requireNonNull(name, "name");
        requireNonNull(layout, "layout");
    }

    @Override
    public boolean loggingEnabled() {
        return true;
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return new SuppressionBuffer<>(name, k, v, layout, true, context.changeLogger(name));
    }
}
