package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a stream-stream join stores its sides: a name, serdes, where the stores keep their data and their changelogs.
 * Immutable. The name names the join's stores (each logged to a changelog of its name) as Kafka Streams names them:
 * {@code <name>-this-join-store} and {@code <name>-other-join-store} for an inner join;
 * {@code <name>-this-join-store}, {@code <name>-outer-other-join-store} and the shared
 * {@code <name>-left-shared-join-store} for a left join; {@code <name>-outer-this-join-store},
 * {@code <name>-outer-other-join-store} and {@code <name>-outer-shared-join-store} for an outer join. Repartition
 * topics, if needed, are {@code <name>-left-repartition} and {@code <name>-right-repartition}.
 *
 * @since 0.1
 */
public final class StreamJoined<K, V, VO> {
    private final @Nullable String name;
    private final @Nullable String storeName;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable Serde<VO> otherValueSerde;
    private final @Nullable StoreType storeType;
    private final boolean loggingEnabled;
    private final Map<String, String> changelogConfig;

    private StreamJoined(@Nullable String name, @Nullable String storeName, @Nullable Serde<K> keySerde,
                         @Nullable Serde<V> valueSerde, @Nullable Serde<VO> otherValueSerde,
                         @Nullable StoreType storeType, boolean loggingEnabled, Map<String, String> changelogConfig) {
        this.name = name;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.storeType = storeType;
        this.loggingEnabled = loggingEnabled;
        this.changelogConfig = Map.copyOf(changelogConfig);
    }

    public static <K, V, VO> StreamJoined<K, V, VO> as(String name) {
        return new StreamJoined<>(Names.check(name, "name"), null, null, null, null, null, true, Map.of());
    }

    public static <K, V, VO> StreamJoined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                         Serde<VO> otherValueSerde) {
        return new StreamJoined<>(null, null, requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde,
            "valueSerde"), requireNonNull(otherValueSerde, "otherValueSerde"), null, true, Map.of());
    }

    public StreamJoined<K, V, VO> withName(String name) {
        return new StreamJoined<>(Names.check(name, "name"), storeName, keySerde, valueSerde, otherValueSerde,
            storeType, loggingEnabled, changelogConfig);
    }

    /**
     * The base name of the join's stores and so of their changelogs, as in Kafka Streams:
     * {@code <storeName>-this-join-store} and so on, in place of the join's name (see above). Given alone, it names
     * the whole join (processors and repartition topics too), so that the join needs no other name.
     *
     * @return a new {@link StreamJoined}
     */
    public StreamJoined<K, V, VO> withStoreName(String storeName) {
        return new StreamJoined<>(name, Names.check(storeName, "storeName"), keySerde, valueSerde, otherValueSerde,
            storeType, loggingEnabled, changelogConfig);
    }

    /**
     * Where the join's stores keep the records they wait with (both sides' and, for left and outer joins, the shared
     * store of records without a partner yet): {@link StoreType#ROCKS_DB} on local disk, kept across
     * restarts (a restart restores only the changelog written after the last checkpoint), windows past their grace
     * dropped a time segment at a time, memory bounded by the application's RocksDB memory; or
     * {@link StoreType#IN_MEMORY}. Default: the application's {@code default.dsl.store}. Kafka Streams
     * chooses this with {@code withDslStoreSuppliers}; the stores and changelogs are the same either way.
     *
     * @return a new {@link StreamJoined}
     */
    public StreamJoined<K, V, VO> withStoreType(StoreType type) {
        return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde,
            requireNonNull(type, "type"), loggingEnabled, changelogConfig);
    }

    /** No changelogs: the join's buffered records are lost when a task moves (or, in memory, on restart). */
    public StreamJoined<K, V, VO> withLoggingDisabled() {
        return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde, storeType, false,
            Map.of());
    }

    /** Changelogs (the default) with these topic config overrides. */
    public StreamJoined<K, V, VO> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(name, storeName, keySerde, valueSerde, otherValueSerde, storeType, true,
            requireNonNull(config, "config"));
    }

    public @Nullable String name() {
        return name;
    }

    /** The base name of the stores, or null to name them after the join. */
    public @Nullable String storeName() {
        return storeName;
    }

    public @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    public @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }

    public @Nullable Serde<VO> otherValueSerde() {
        return otherValueSerde;
    }

    /** The store type given, or null to use the application's {@code default.dsl.store}. */
    public @Nullable StoreType storeType() {
        return storeType;
    }

    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    public Map<String, String> changelogConfig() {
        return changelogConfig;
    }
}
