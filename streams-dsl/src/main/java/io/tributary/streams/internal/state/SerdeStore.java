package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import org.jspecify.annotations.Nullable;

/**
 * Base of the typed stores: the name, the serdes a store turns keys and values into bytes with, and the
 * changelog its writes go to. It holds no data, so each subclass still owns its storage and states its thread-safety.
 */
abstract class SerdeStore<K, V> implements RestorableStore {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean logging;
    private final ChangeLogger logger;

    SerdeStore(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean logging, ChangeLogger logger) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.logging = logging;
        this.logger = logger;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean loggingEnabled() {
        return logging;
    }

    final Serde<K> keySerde() {
        return keySerde;
    }

    final Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Sends a write to the changelog ({@link ChangeLogger#NONE} when logging is off). */
    final void log(byte[] key, byte @Nullable [] value, long timestamp) {
        logger.log(key, value, timestamp);
    }

    /** A key's bytes; a key that serializes to null is rejected because the store could not order it. */
    final byte[] serializeKey(K key) {
        requireNonNull(key, "key");
        byte[] bytes = keySerde.serializer().serialize(name, key);
        if (bytes == null) {
            throw new IllegalArgumentException("Store " + name + " cannot keep a key that serializes to null");
        }
        return bytes;
    }

    /** A value's bytes; null (a deletion) stays null. */
    final byte @Nullable [] serializeValue(@Nullable V value) {
        return value == null ? null : valueSerde.serializer().serialize(name, value);
    }

    final K deserializeKey(byte[] bytes) {
        return keySerde.deserializer().deserialize(name, bytes);
    }

    final V deserializeValue(byte[] bytes) {
        return valueSerde.deserializer().deserialize(name, bytes);
    }
}
