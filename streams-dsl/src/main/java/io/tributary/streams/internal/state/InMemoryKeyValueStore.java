package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;
import java.util.function.LongSupplier;

/**
 * A {@link TimestampedKeyValueStore} in memory: its contents go with it when its task closes. Written by its task's
 * thread only; readable from any thread (interactive queries) because the map is concurrent.
 */
public final class InMemoryKeyValueStore<K, V> extends TimestampedKeyValueStore<K, V> {
    public InMemoryKeyValueStore(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging,
                                 ChangeLogger logger, LongSupplier recordTimestamp) {
        super(name, keySerde, valueSerde, logging, logger, recordTimestamp, new InMemoryBytesStore());
    }
}
