package io.tributary.streams.internal.state;

import io.tributary.serdes.Serde;

/**
 * A typed store over a {@link BytesStore} (in memory or RocksDB): persistence, flush and close are the bytes
 * store's. Each subclass keeps its own key layout and states its thread-safety.
 */
abstract class BytesBackedStore<K, V> extends SerdeStore<K, V> {
    private final BytesStore bytes;

    BytesBackedStore(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging, ChangeLogger logger,
                     BytesStore bytes) {
        super(name, keySerde, valueSerde, logging, logger);
        this.bytes = bytes;
    }

    final BytesStore bytes() {
        return bytes;
    }

    @Override
    public final boolean persistent() {
        return bytes.persistent();
    }

    @Override
    public final void flush() {
        bytes.flush();
    }

    @Override
    public final void close() {
        bytes.close();
    }
}
