package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serializer;
import io.tributary.streams.internal.Access;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.StoreFactory;
import io.tributary.streams.processor.ProcessorSupplier;
import io.tributary.streams.processor.TopicNameExtractor;
import io.tributary.streams.state.StoreBuilder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A processing topology: sources reading topics, processors, sinks writing topics, and the state stores the
 * processors use. Made by {@link StreamsBuilder#build()} or directly with the Processor API below; run by
 * {@link TributaryStreams} or {@link io.tributary.streams.testing.TopologyTestDriver}. Not thread-safe while being
 * built; do not change it after handing it to a runtime.
 *
 * <pre>{@code
 * Topology topology = new Topology()
 *     .addSource("in", "orders")
 *     .addProcessor("dedupe", Dedupe::new, "in")
 *     .addStateStore(Stores.keyValueStoreBuilder("seen", Serdes.string(), Serdes.longSerde()), "dedupe")
 *     .addSink("out", "unique-orders", "dedupe");
 * }</pre>
 *
 * @since 0.1
 */
public final class Topology {
    static {
        Access.register(t -> t.graph);
    }

    private final TopologyGraph graph;

    /** An empty topology for the Processor API. */
    public Topology() {
        this(new TopologyGraph());
    }

    Topology(TopologyGraph graph) {
        this.graph = graph;
    }

    /** A source reading {@code topics} with the application's default serdes. */
    public Topology addSource(String name, String... topics) {
        return addSource(name, null, null, topics);
    }

    /**
     * A source reading {@code topics} with these deserializers (null: the application's default serdes).
     *
     * @throws TopologyException if the name is taken or a topic is read by another source
     */
    public Topology addSource(String name, @Nullable Deserializer<?> keyDeserializer,
                              @Nullable Deserializer<?> valueDeserializer, String... topics) {
        requireNonNull(name, "name");
        if (topics.length == 0) {
            throw new IllegalArgumentException("Source " + name + " must read at least one topic");
        }
        graph.addNode(new NodeSpec.Source(name, List.of(topics), keyDeserializer, valueDeserializer, null));
        return this;
    }

    /**
     * A processor fed by {@code parents}.
     *
     * @throws TopologyException if the name is taken or a parent is unknown or a sink
     */
    public <KIn, VIn, KOut, VOut> Topology addProcessor(String name,
                                                        ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                        String... parents) {
        requireNonNull(name, "name");
        requireNonNull(supplier, "supplier");
        requireParents(name, parents);
        graph.addNode(new NodeSpec.Processor(name, supplier, List.of(parents)));
        return this;
    }

    /** A state store, made by {@link io.tributary.streams.state.Stores}, used by these processors. */
    public Topology addStateStore(StoreBuilder<?> store, String... processorNames) {
        requireNonNull(store, "store");
        graph.addStore((StoreFactory) store, processorNames);
        return this;
    }

    /** Gives {@code processor} access to stores added earlier. */
    public Topology connectProcessorAndStateStores(String processor, String... stores) {
        for (String store : stores) {
            graph.connectStore(processor, store);
        }
        return this;
    }

    /** A sink writing to {@code topic} with the application's default serdes. */
    public Topology addSink(String name, String topic, String... parents) {
        return addSink(name, topic, null, null, parents);
    }

    /** A sink writing to {@code topic} with these serializers (null: the application's default serdes). */
    public Topology addSink(String name, String topic, @Nullable Serializer<?> keySerializer,
                            @Nullable Serializer<?> valueSerializer, String... parents) {
        requireNonNull(name, "name");
        requireNonNull(topic, "topic");
        requireParents(name, parents);
        graph.addNode(new NodeSpec.Sink(name, topic, null, keySerializer, valueSerializer, List.of(parents)));
        return this;
    }

    /** A sink writing each record to the topic {@code extractor} picks for it. */
    public <K, V> Topology addSink(String name, TopicNameExtractor<K, V> extractor,
                                   @Nullable Serializer<K> keySerializer, @Nullable Serializer<V> valueSerializer,
                                   String... parents) {
        requireNonNull(name, "name");
        requireNonNull(extractor, "extractor");
        requireParents(name, parents);
        graph.addNode(new NodeSpec.Sink(name, null, extractor, keySerializer, valueSerializer, List.of(parents)));
        return this;
    }

    /** The sub-topologies and nodes; {@code toString()} prints them. */
    public TopologyDescription describe() {
        return graph.describe();
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    private static void requireParents(String name, String[] parents) {
        if (parents.length == 0) {
            throw new IllegalArgumentException("Node " + name + " needs at least one parent");
        }
    }
}
