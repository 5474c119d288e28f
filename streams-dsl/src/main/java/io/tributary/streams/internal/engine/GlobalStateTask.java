package io.tributary.streams.internal.engine;

import io.tributary.serdes.Serde;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.ChangeLogger;
import io.tributary.streams.internal.state.RestorableStore;
import io.tributary.streams.internal.state.StoreContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The global stores of a topology: one instance each, shared (read-only) by every task, written only through
 * {@link #update} with the records of their topics, as they are on the wire (a null value deletes). Owned by the
 * task factory; the caller orders updates against task processing (the runtime under its lock, the test driver on
 * its thread), and the stores' maps are concurrent, so queries may read them from any thread.
 */
public final class GlobalStateTask {
    private final Map<String, RestorableStore> stores = new LinkedHashMap<>();
    private final Map<String, String> storeByTopic = new LinkedHashMap<>();

    GlobalStateTask(TopologyGraph graph, StreamsOptions options) {
        StoreContext context = new StoreContext() {
            @Override
            public ChangeLogger changeLogger(String storeName) {
                return ChangeLogger.NONE;
            }

            @Override
            public long recordTimestamp() {
                return -1;   // global stores are written by update only, which passes the timestamp
            }

            @Override
            public @Nullable Serde<?> defaultKeySerde() {
                return options.defaultKeySerde();
            }

            @Override
            public @Nullable Serde<?> defaultValueSerde() {
                return options.defaultValueSerde();
            }
        };
        graph.globalTopics().forEach((store, topic) -> {
            stores.put(store, graph.stores().get(store).create(context));
            storeByTopic.put(topic, store);
        });
    }

    /** Global store name to store. */
    public Map<String, RestorableStore> stores() {
        return stores;
    }

    /** Whether {@code topic} feeds a global store. */
    public boolean reads(String topic) {
        return storeByTopic.containsKey(topic);
    }

    /** The topics of the global stores. */
    public Set<String> topics() {
        return storeByTopic.keySet();
    }

    /** Applies one record of a global topic to its store; records with a null key are skipped. */
    public void update(String topic, byte @Nullable [] key, byte @Nullable [] value, long timestamp) {
        String store = storeByTopic.get(topic);
        if (store == null) {
            throw new IllegalArgumentException("No global store reads topic " + topic);
        }
        if (key != null) {
            stores.get(store).restore(key, value, timestamp);
        }
    }
}
