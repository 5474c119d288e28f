package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stream-stream join buffer description; null serdes fall back to the application defaults. Immutable. */
public record JoinBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                   long retentionMs, boolean loggingEnabled) implements StoreFactory {
    public JoinBufferSpec {
        requireNonNull(name, "name");
    }

    @Override
    public Map<String, String> changelogConfig() {
        return Map.of();
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.resolve(keySerde, context.defaultKeySerde(), name, "key");
        Serde<V> v = StoreSerdes.resolve(valueSerde, context.defaultValueSerde(), name, "value");
        return new JoinBuffer<>(name, k, v, retentionMs, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE);
    }
}
