package io.tributary.streams.internal.state;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.StoreBuilder;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An in-memory session store description; null serdes fall back to the application defaults. Immutable. */
public record SessionStoreSpec<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                                      long retentionMs, boolean loggingEnabled, Map<String, String> changelogConfig)
    implements StoreBuilder<SessionStore<K, V>>, StoreFactory {

    public SessionStoreSpec {
        requireNonNull(name, "name");
        changelogConfig = Map.copyOf(changelogConfig);
        if (retentionMs < 1) {
            throw new IllegalArgumentException("Session store " + name + " needs a positive retention, was "
                + retentionMs);
        }
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingDisabled() {
        return new SessionStoreSpec<>(name, keySerde, valueSerde, retentionMs, false, Map.of());
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new SessionStoreSpec<>(name, keySerde, valueSerde, retentionMs, true, config);
    }

    @Override
    public RestorableStore create(StoreContext context) {
        Serde<K> k = StoreSerdes.key(keySerde, context, name);
        Serde<V> v = StoreSerdes.value(valueSerde, context, name);
        return new InMemorySessionStore<>(name, k, v, retentionMs, loggingEnabled,
            loggingEnabled ? context.changeLogger(name) : ChangeLogger.NONE, context::recordTimestamp);
    }
}
