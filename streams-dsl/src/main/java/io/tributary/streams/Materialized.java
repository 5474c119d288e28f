package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a table or aggregation is stored: store name (queryable, and naming the changelog topic
 * {@code <application.id>-<name>-changelog}), serdes, logging, and for windows the retention. Immutable.
 *
 * <p>Count, reduce and aggregate (per key and per time, session or sliding window) and tables materialized with a
 * {@code Materialized} (source tables, {@code toTable}, materialized filter, mapValues and joins) are fronted by the
 * record cache ({@code StreamsOptions.cacheMaxBytes}, 0 turns it off): between two commits a key's updates are
 * forwarded and logged once, and a row or session created and removed in between not at all;
 * {@link #withCachingDisabled()} emits every update instead. Other stores are not cached.
 *
 * <p>Key-value, window and session stores are in memory unless {@link #withStoreType(StoreType)} or the
 * application's {@code StreamsOptions.defaultDslStore} ({@code default.dsl.store}) asks for
 * {@link StoreType#ROCKS_DB}. The internal buffers of stream-stream joins and of {@code suppress} are always in
 * memory (and logged).
 *
 * @since 0.1
 */
public final class Materialized<K, V> {
    private final @Nullable String storeName;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final boolean loggingEnabled;
    private final Map<String, String> changelogConfig;
    private final @Nullable Duration retention;
    private final boolean cachingEnabled;
    private final @Nullable StoreType storeType;

    private Materialized(@Nullable String storeName, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                         boolean loggingEnabled, Map<String, String> changelogConfig, @Nullable Duration retention) {
        this(storeName, keySerde, valueSerde, loggingEnabled, changelogConfig, retention, true, null);
    }

    private Materialized(@Nullable String storeName, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                         boolean loggingEnabled, Map<String, String> changelogConfig, @Nullable Duration retention,
                         boolean cachingEnabled, @Nullable StoreType storeType) {
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.loggingEnabled = loggingEnabled;
        this.changelogConfig = Map.copyOf(changelogConfig);
        this.retention = retention;
        this.cachingEnabled = cachingEnabled;
        this.storeType = storeType;
    }

    /** A store named {@code storeName}: the name stays stable however the topology changes. */
    public static <K, V> Materialized<K, V> as(String storeName) {
        return new Materialized<>(Names.check(storeName, "storeName"), null, null, true, Map.of(), null);
    }

    /** A store with these serdes and no name (only allowed with {@code allowGeneratedNames}). */
    public static <K, V> Materialized<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<>(null, requireNonNull(keySerde, "keySerde"), requireNonNull(valueSerde,
            "valueSerde"), true, Map.of(), null);
    }

    public Materialized<K, V> withKeySerde(Serde<K> serde) {
        return new Materialized<>(storeName, requireNonNull(serde, "serde"), valueSerde, loggingEnabled,
            changelogConfig, retention, cachingEnabled,
            storeType);
    }

    public Materialized<K, V> withValueSerde(Serde<V> serde) {
        return new Materialized<>(storeName, keySerde, requireNonNull(serde, "serde"), loggingEnabled,
            changelogConfig, retention, cachingEnabled,
            storeType);
    }

    /** No changelog: the state is lost when a task moves or the application restarts. */
    public Materialized<K, V> withLoggingDisabled() {
        return new Materialized<>(storeName, keySerde, valueSerde, false, Map.of(), retention, cachingEnabled,
            storeType);
    }

    /** A changelog (the default) with these topic config overrides; it is always compacted. */
    public Materialized<K, V> withLoggingEnabled(Map<String, String> config) {
        return new Materialized<>(storeName, keySerde, valueSerde, true, config, retention, cachingEnabled,
            storeType);
    }

    /** Every update is forwarded and logged, none held back in the record cache. */
    public Materialized<K, V> withCachingDisabled() {
        return new Materialized<>(storeName, keySerde, valueSerde, loggingEnabled, changelogConfig, retention, false,
            storeType);
    }

    /** Updates go through the record cache (the default, where the operation has one). */
    public Materialized<K, V> withCachingEnabled() {
        return new Materialized<>(storeName, keySerde, valueSerde, loggingEnabled, changelogConfig, retention, true,
            storeType);
    }

    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    /**
     * How long a window or session store keeps windows (stream time); default and minimum: window size plus grace
     * for time windows, twice the time difference plus grace for sliding windows, inactivity gap plus grace for
     * sessions.
     *
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public Materialized<K, V> withRetention(Duration retention) {
        if (requireNonNull(retention, "retention").toMillis() < 1) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        return new Materialized<>(storeName, keySerde, valueSerde, loggingEnabled, changelogConfig, retention,
            cachingEnabled, storeType);
    }

    /**
     * Where a key-value, window or session store keeps its data: {@link StoreType#ROCKS_DB} on local disk (kept
     * across restarts, so a restart restores only the changelog written after its last checkpoint) or
     * {@link StoreType#IN_MEMORY}. Default: the application's {@code default.dsl.store}.
     */
    public Materialized<K, V> withStoreType(StoreType type) {
        return new Materialized<>(storeName, keySerde, valueSerde, loggingEnabled, changelogConfig, retention,
            cachingEnabled, requireNonNull(type, "type"));
    }

    /** The store type given, or null to use the application's {@code default.dsl.store}. */
    public @Nullable StoreType storeType() {
        return storeType;
    }

    /**
     * The storage of a store, named as in Kafka Streams' {@code Materialized.StoreType}.
     *
     * @since 0.1
     */
    public enum StoreType {
        /** A RocksDB database under {@code state.dir}, with the application's bounded RocksDB memory. */
        ROCKS_DB,
        /** A sorted map on the heap, rebuilt from the changelog when its task starts. */
        IN_MEMORY
    }

    public @Nullable String storeName() {
        return storeName;
    }

    public @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    public @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }

    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    public Map<String, String> changelogConfig() {
        return changelogConfig;
    }

    public @Nullable Duration retention() {
        return retention;
    }
}
