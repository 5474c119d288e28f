package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stream-stream join buffer description; null serdes fall back to the application defaults, a null store type
 * to its {@code default.dsl.store}. Immutable.
 */
public record JoinBufferSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                   long retentionMs, boolean loggingEnabled, Map<String, String> changelogConfig,
                                   @Nullable StoreType storeType) implements StoreFactory {
    public JoinBufferSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
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
            return new SegmentedJoinBuffer<>(name, k, v, retentionMs, loggingEnabled, logger,
                context.openPersistent(name, loggingEnabled));
        }
        return new InMemoryJoinBuffer<>(name, k, v, retentionMs, loggingEnabled, logger);
    }
}
