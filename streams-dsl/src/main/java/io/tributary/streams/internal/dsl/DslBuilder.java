package io.tributary.streams.internal.dsl;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized;
import io.tributary.streams.Named;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.processor.ProcessorSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the topology graph for the DSL: node names, stable names of stores and internal topics, and the list of
 * stateful operations that got a generated (positional) name. Used on the building thread only.
 */
public final class DslBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(DslBuilder.class);

    private final TopologyGraph graph = new TopologyGraph();
    private final List<String> generatedStateNames = new ArrayList<>();
    private int index;

    public TopologyGraph graph() {
        return graph;
    }

    /** A node name: the user's, or {@code PREFIX-0000000007} (node names do not name state, so may change). */
    String nodeName(@Nullable Named named, String prefix) {
        return named != null ? named.name() : generated(prefix);
    }

    String nodeName(@Nullable String userName, String prefix) {
        return userName != null ? userName : generated(prefix);
    }

    /**
     * The name of a store or internal topic: the user's, or a positional one that is recorded, since it would
     * change when operations are added before it and so orphan the state on upgrade.
     */
    String stateName(@Nullable String userName, String prefix, String operation) {
        if (userName != null) {
            return userName;
        }
        String name = generated(prefix);
        generatedStateNames.add(operation + " (would be named " + name + ")");
        return name;
    }

    private String generated(String prefix) {
        return String.format("%s-%010d", prefix, index++);
    }

    /**
     * Fails naming each stateful operation without a user-given name, unless {@code allowGenerated}; then warns.
     *
     * @throws TopologyException listing the unnamed operations and how to name them
     */
    public void checkNames(boolean allowGenerated) {
        if (generatedStateNames.isEmpty()) {
            return;
        }
        String list = String.join("; ", generatedStateNames);
        if (!allowGenerated) {
            throw new TopologyException("Stateful operations without a name: " + list + ". Their state stores, "
                + "changelog and repartition topics would get positional names that change when the topology "
                + "changes, losing their state on upgrade. Name them (Materialized.as, Grouped.as, Joined.as, "
                + "Repartitioned.as) or allow generated names with StreamsOptions.allowGeneratedNames(true)");
        }
        LOG.warn("Stateful operations with generated names, which change when the topology changes: {}", list);
    }

    /**
     * A table read from {@code sourceNode}'s records and kept in {@code store}; {@code caching}: its updates go
     * through the record cache.
     */
    public <K, V> KTableImpl<K, V> sourceTable(String sourceNode, String store, @Nullable Serde<K> keySerde,
                                               @Nullable Serde<V> valueSerde, boolean logging,
                                               Map<String, String> changelogConfig,
                                               Materialized.@Nullable StoreType storeType, boolean caching) {
        String name = addProcessor(store + "-source", () -> new TableProcessors.Source<K, V>(store, caching),
            sourceNode);
        graph.addStore(new KeyValueStoreSpec<>(store, keySerde, valueSerde, logging, changelogConfig, storeType), name);
        return new KTableImpl<>(this, name, store, keySerde, valueSerde, null);
    }

    /** Adds a processor node under {@code parent}. */
    <KI, VI, KO, VO> String addProcessor(String name, ProcessorSupplier<KI, VI, KO, VO> supplier, String... parents) {
        graph.addNode(new NodeSpec.Processor(name, supplier, List.of(parents)));
        return name;
    }

    /**
     * Writes {@code parent}'s records through the repartition topic {@code <application.id>-<name>-repartition}
     * (records with a null key are dropped first) and returns the source node that reads it back.
     */
    String repartition(String parent, String name, @Nullable Serde<?> keySerde, @Nullable Serde<?> valueSerde,
                       int partitions) {
        String topic = name + "-repartition";
        graph.addInternalTopic(topic, partitions);
        String filter = addProcessor(topic + "-filter", StatelessProcessors.DropNullKeys::new, parent);
        graph.addNode(new NodeSpec.Sink(topic + "-sink", topic, null,
            keySerde == null ? null : keySerde.serializer(), valueSerde == null ? null : valueSerde.serializer(),
            List.of(filter)));
        String source = topic + "-source";
        graph.addNode(new NodeSpec.Source(source, List.of(topic),
            keySerde == null ? null : keySerde.deserializer(), valueSerde == null ? null : valueSerde.deserializer(),
            null));
        return source;
    }
}
