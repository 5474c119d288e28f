package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stream-stream outer join store description; null serdes fall back to the application defaults, a null store
 * type to its {@code default.dsl.store}. Immutable.
 */
public record OuterJoinBufferSpec<K, VL, VR>(String name, @Nullable Serde<K> keySerde,
                                             @Nullable Serde<VL> leftSerde, @Nullable Serde<VR> rightSerde,
                                             boolean loggingEnabled, Map<String, String> changelogConfig,
                                             @Nullable StoreType storeType) implements StoreFactory {
    public OuterJoinBufferSpec {
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
        Serde<VL> l = StoreSerdes.value(leftSerde, context, name);
        Serde<VR> r = StoreSerdes.value(rightSerde, context, name);
        ChangeLogger logger = loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE;
        if (persistent(context.defaultStoreType())) {
            return new BytesOuterJoinBuffer<>(name, k, l, r, loggingEnabled, logger,
                context.openPersistent(name, loggingEnabled));
        }
        return new InMemoryOuterJoinBuffer<>(name, k, l, r, loggingEnabled, logger);
    }
}
