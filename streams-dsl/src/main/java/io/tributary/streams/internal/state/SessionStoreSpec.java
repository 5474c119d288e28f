package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized.StoreType;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.StoreBuilder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session store description; null serdes fall back to the application defaults, a null store type to its
 * {@code default.dsl.store}. Immutable.
 */
public record SessionStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                      long retentionMs, boolean loggingEnabled, Map<String, String> changelogConfig,
                                      @Nullable StoreType storeType)
    implements StoreBuilder<SessionStore<K, V>>, StoreFactory {

    public SessionStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
        if (retentionMs < 1) {
            throw new IllegalArgumentException("Session store " + name + " needs a positive retention, was "
                + retentionMs);
        }
    }

    /** A store of the application's default type. */
    public SessionStoreSpec(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde, long retentionMs,
                            boolean loggingEnabled, Map<String, String> changelogConfig) {
        this(name, keySerde, valueSerde, retentionMs, loggingEnabled, changelogConfig, null);
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingDisabled() {
        return new SessionStoreSpec<>(name, keySerde, valueSerde, retentionMs, false, Map.of(), storeType);
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new SessionStoreSpec<>(name, keySerde, valueSerde, retentionMs, true, config, storeType);
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
            return new SegmentedSessionStore<>(name, k, v, retentionMs, loggingEnabled, logger,
                context::recordTimestamp, context.openPersistent(name, loggingEnabled));
        }
        return new InMemorySessionStore<>(name, k, v, retentionMs, loggingEnabled, logger, context::recordTimestamp);
    }
}
