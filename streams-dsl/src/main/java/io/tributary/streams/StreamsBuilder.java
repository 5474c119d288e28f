package io.tributary.streams;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.dsl.DslBuilder;
import io.tributary.streams.internal.dsl.GlobalKTableImpl;
import io.tributary.streams.internal.dsl.KStreamImpl;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.internal.state.StoreFactory;
import io.tributary.streams.state.StoreBuilder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Topology} with the DSL: streams and tables from topics, transformed and written back.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.stream("lines", Consumed.with(Serdes.string(), Serdes.string()))
 *     .flatMapValues(line -> List.of(line.toLowerCase().split("\\W+")))
 *     .groupBy((key, word) -> word, Grouped.as("words"))
 *     .count(Materialized.as("word-counts"))
 *     .toStream()
 *     .to("word-counts", Produced.with(Serdes.string(), Serdes.longSerde()));
 * Topology topology = builder.build();
 * }</pre>
 *
 * <p><strong>Stable names.</strong> Stores, changelog topics and repartition topics are named after the names the
 * user gives ({@link Materialized#as}, {@link Grouped#as}, {@link Joined#as}, {@link Repartitioned#as}); a source
 * table's store defaults to {@code <topic>-table}, since the topic name is stable too. {@link #build()} fails,
 * naming the operation, when a stateful operation has no name: a positional name would change when operations are
 * added before it, and the application would silently lose that state on upgrade.
 *
 * <p>Not thread-safe: build on one thread.
 *
 * @since 0.1
 */
public final class StreamsBuilder {
    private final DslBuilder dsl = new DslBuilder();

    /** The records of {@code topic}, with the application's default serdes. */
    public <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(requireNonNull(topic, "topic")), null);
    }

    /** The records of {@code topic}, read as {@code consumed} says. */
    public <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(requireNonNull(topic, "topic")), requireNonNull(consumed, "consumed"));
    }

    /** The records of all {@code topics}, interleaved per task (the topics must be co-partitioned). */
    public <K, V> KStream<K, V> stream(Collection<String> topics, @Nullable Consumed<K, V> consumed) {
        List<String> list = List.copyOf(topics);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("stream needs at least one topic");
        }
        Serde<K> ks = consumed == null ? null : consumed.keySerde();
        Serde<V> vs = consumed == null ? null : consumed.valueSerde();
        String name = addSource(list, consumed, ks, vs);
        return new KStreamImpl<>(dsl, name, ks, vs, false);
    }

    /** The topic as a table (latest value per key), in the store {@code <topic>-table}. */
    public <K, V> KTable<K, V> table(String topic) {
        return table(topic, null, null);
    }

    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, requireNonNull(consumed, "consumed"), null);
    }

    public <K, V> KTable<K, V> table(String topic, Materialized<K, V> materialized) {
        return table(topic, null, requireNonNull(materialized, "materialized"));
    }

    /**
     * The topic as a table: records with a null key are dropped, null values delete. Stored in
     * {@code materialized}'s store, by default named {@code <topic>-table}; serdes from {@code materialized}, else
     * {@code consumed}, else the application's defaults. With a {@code materialized} the table's updates go through
     * the record cache (a key's updates between two commits go out once, with the value the last commit left as
     * old value) unless {@link Materialized#withCachingDisabled()}; without one, every update goes out.
     */
    public <K, V> KTable<K, V> table(String topic, @Nullable Consumed<K, V> consumed,
                                     @Nullable Materialized<K, V> materialized) {
        TableStore<K, V> t = TableStore.of(topic, consumed, materialized);
        String source = addSource(List.of(topic), consumed, t.keySerde(), t.valueSerde());
        return dsl.sourceTable(source, t.name(), t.keySerde(), t.valueSerde(),
            materialized == null || materialized.loggingEnabled(),
            materialized == null ? Map.of() : materialized.changelogConfig(),
            materialized == null ? null : materialized.storeType(),
            // Kafka Streams caches a table without Materialized only when a later operation needs its store.
            materialized != null && materialized.cachingEnabled());
    }

    /** The whole topic as a global table, in the store {@code <topic>-table}. */
    public <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, null, null);
    }

    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return globalTable(topic, requireNonNull(consumed, "consumed"), null);
    }

    public <K, V> GlobalKTable<K, V> globalTable(String topic, Materialized<K, V> materialized) {
        return globalTable(topic, null, requireNonNull(materialized, "materialized"));
    }

    /**
     * All partitions of {@code topic} as a table replicated on every instance: loaded from the topic's first to
     * its last record before the application processes anything, then kept up to date as the topic changes.
     * Records with a null key are skipped, null values delete. Stored in {@code materialized}'s store, by default
     * named {@code <topic>-table}, without a changelog (the topic itself is one, so
     * {@link Materialized#withLoggingDisabled()} and changelog configs do not apply); serdes from
     * {@code materialized}, else {@code consumed}, else the application's defaults, and they must read the topic's
     * records. {@code consumed}'s timestamp extractor and name are not used.
     */
    public <K, V> GlobalKTable<K, V> globalTable(String topic, @Nullable Consumed<K, V> consumed,
                                                 @Nullable Materialized<K, V> materialized) {
        TableStore<K, V> t = TableStore.of(topic, consumed, materialized);
        dsl.graph().addGlobalStore(new KeyValueStoreSpec<>(t.name(), t.keySerde(), t.valueSerde(), false, Map.of(),
            Materialized.StoreType.IN_MEMORY),
            topic);
        return new GlobalKTableImpl<>(t.name());
    }

    private static <T> @Nullable T pick(@Nullable T first, @Nullable T second) {
        return first != null ? first : second;
    }

    /**
     * A source table's store: named by {@code materialized}, else {@code <topic>-table}; serdes from
     * {@code materialized}, else {@code consumed} (null: the application's defaults).
     */
    private record TableStore<K, V>(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        static <K, V> TableStore<K, V> of(String topic, @Nullable Consumed<K, V> consumed,
                                          @Nullable Materialized<K, V> materialized) {
            requireNonNull(topic, "topic");
            String name = materialized != null && materialized.storeName() != null ? materialized.storeName()
                : topic + "-table";
            return new TableStore<>(name,
                pick(materialized == null ? null : materialized.keySerde(), consumed == null ? null
                    : consumed.keySerde()),
                pick(materialized == null ? null : materialized.valueSerde(), consumed == null ? null
                    : consumed.valueSerde()));
        }
    }

    private <K, V> String addSource(List<String> topics, @Nullable Consumed<K, V> consumed, @Nullable Serde<K> ks,
                                    @Nullable Serde<V> vs) {
        String name = consumed != null && consumed.name() != null ? consumed.name()
            : "KSTREAM-SOURCE-" + String.join("+", topics);
        dsl.graph().addNode(new NodeSpec.Source(name, topics, ks == null ? null : ks.deserializer(),
            vs == null ? null : vs.deserializer(), consumed == null ? null : consumed.timestampExtractor()));
        return name;
    }

    /** Adds a store for {@link KStream#process} processors (made by {@link io.tributary.streams.state.Stores}). */
    public StreamsBuilder addStateStore(StoreBuilder<?> store) {
        dsl.graph().addStore((StoreFactory) requireNonNull(store, "store"));
        return this;
    }

    /**
     * The topology, requiring every stateful operation to be named.
     *
     * @throws TopologyException naming each stateful operation without a user-given name
     */
    public Topology build() {
        dsl.checkNames(false);
        dsl.graph().validate();
        return new Topology(dsl.graph());
    }

    /**
     * The topology; with {@link StreamsOptions#allowGeneratedNames()}, unnamed stateful operations get positional
     * names (with a warning) instead of failing the build.
     */
    public Topology build(StreamsOptions options) {
        dsl.checkNames(requireNonNull(options, "options").allowGeneratedNames());
        dsl.graph().validate();
        return new Topology(dsl.graph());
    }
}
