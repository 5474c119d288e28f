package io.tributary.streams.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.internal.state.SessionStoreSpec;
import io.tributary.streams.internal.state.WindowStoreSpec;
import java.time.Duration;
import java.util.Map;

/**
 * Store builders for the Processor API ({@code Topology.addStateStore}, {@code StreamsBuilder.addStateStore}).
 * Stores are in memory and logged to a compacted changelog topic by default; {@link #persistentKeyValueStoreBuilder},
 * {@link #persistentWindowStoreBuilder} and {@link #persistentSessionStoreBuilder} keep a store in RocksDB under
 * {@code state.dir} instead.
 *
 * <pre>{@code
 * builder.addStateStore(Stores.keyValueStoreBuilder("seen", Serdes.string(), Serdes.longSerde()));
 * }</pre>
 *
 * @since 0.1
 */
public final class Stores {
    private Stores() {
    }

    /** An in-memory key-value store. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(String name, Serde<K> keySerde,
                                                                                Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new KeyValueStoreSpec<>(checkName(name), keySerde, valueSerde, true, Map.of(), StoreType.IN_MEMORY);
    }

    /**
     * A persistent key-value store in RocksDB, at {@code <state.dir>/<application.id>/<task>/rocksdb/<name>}: its
     * data stays on disk across restarts, so a restart restores only the changelog written after the task's last
     * checkpoint. Its memory comes from the application's shared, bounded RocksDB cache
     * ({@code StreamsOptions.rocksDbMemoryMaxBytes}). Same ordering and behaviour as {@link #keyValueStoreBuilder}.
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> persistentKeyValueStoreBuilder(String name,
                                                                                          Serde<K> keySerde,
                                                                                          Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new KeyValueStoreSpec<>(checkName(name), keySerde, valueSerde, true, Map.of(), StoreType.ROCKS_DB);
    }

    /**
     * An in-memory window store keeping windows of {@code windowSize} for {@code retention} of stream time.
     *
     * @throws IllegalArgumentException if {@code retention} is shorter than {@code windowSize}
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(String name, Duration retention,
                                                                            Duration windowSize, Serde<K> keySerde,
                                                                            Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new WindowStoreSpec<>(checkName(name), keySerde, valueSerde, retention.toMillis(),
            windowSize.toMillis(), true, Map.of(), StoreType.IN_MEMORY);
    }

    /**
     * A persistent window store in RocksDB, at {@code <state.dir>/<application.id>/<task>/rocksdb/<name>}, keeping
     * windows of {@code windowSize} for {@code retention} of stream time: its data stays on disk across restarts, so
     * a restart restores only the changelog written after the task's last checkpoint. Windows are kept in time
     * segments, so expired ones are dropped a segment at a time. Same ordering, retention and changelog as
     * {@link #windowStoreBuilder}.
     *
     * @throws IllegalArgumentException if {@code retention} is shorter than {@code windowSize}
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> persistentWindowStoreBuilder(String name,
                                                                                      Duration retention,
                                                                                      Duration windowSize,
                                                                                      Serde<K> keySerde,
                                                                                      Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new WindowStoreSpec<>(checkName(name), keySerde, valueSerde, retention.toMillis(),
            windowSize.toMillis(), true, Map.of(), StoreType.ROCKS_DB);
    }

    /**
     * An in-memory session store keeping sessions for {@code retention} of stream time after their end.
     *
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(String name, Duration retention,
                                                                              Serde<K> keySerde,
                                                                              Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new SessionStoreSpec<>(checkName(name), keySerde, valueSerde, retention.toMillis(), true, Map.of(),
            StoreType.IN_MEMORY);
    }

    /**
     * A persistent session store in RocksDB, at {@code <state.dir>/<application.id>/<task>/rocksdb/<name>},
     * keeping sessions for {@code retention} of stream time after their end: its data stays on disk across
     * restarts, so a restart restores only the changelog written after the task's last checkpoint. Same ordering,
     * retention and changelog as {@link #sessionStoreBuilder}.
     *
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public static <K, V> StoreBuilder<SessionStore<K, V>> persistentSessionStoreBuilder(String name,
                                                                                        Duration retention,
                                                                                        Serde<K> keySerde,
                                                                                        Serde<V> valueSerde) {
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        return new SessionStoreSpec<>(checkName(name), keySerde, valueSerde, retention.toMillis(), true, Map.of(),
            StoreType.ROCKS_DB);
    }

    static String checkName(String name) {
        requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("Store name '" + name + "' must use only letters, digits, '.', '_' "
                + "and '-': it becomes part of a topic name");
        }
        return name;
    }
}
