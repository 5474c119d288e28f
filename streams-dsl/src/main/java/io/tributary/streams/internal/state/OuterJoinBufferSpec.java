package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/** A stream-stream outer join store description; null serdes fall back to the application defaults. Immutable. */
public record OuterJoinBufferSpec<K, VL, VR>(String name, @Nullable Serde<K> keySerde,
                                             @Nullable Serde<VL> leftSerde, @Nullable Serde<VR> rightSerde,
                                             boolean loggingEnabled) implements StoreFactory {
    public OuterJoinBufferSpec {
        requireNonNull(name, "name");
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<VL> l = StoreSerdes.value(leftSerde, context, name);
        Serde<VR> r = StoreSerdes.value(rightSerde, context, name);
        return new OuterJoinBuffer<>(name, k, l, r, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE);
    }
}
