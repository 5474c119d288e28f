package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** A stream-stream join buffer description; null serdes fall back to the application defaults. Immutable. */
public record JoinBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                   long retentionMs, boolean loggingEnabled) implements StoreFactory {
    public JoinBufferSpec {
        requireNonNull(name, "name");
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return new JoinBuffer<>(name, k, v, retentionMs, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE);
    }
}
