package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.KStream;
import io.tributary.streams.KTable;
import io.tributary.streams.Materialized;
import io.tributary.streams.Named;
import io.tributary.streams.Suppressed;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.internal.state.SuppressionBufferSpec;
import io.tributary.streams.processor.ProcessorSupplier;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A table: the node its updates ({@link Change} values) leave from and, if materialized, the key-value store
 * holding its rows ({@code windowed} tables are held in a window or session store). Immutable.
 */
public final class KTableImpl<K, V> implements KTable<K, V> {
    private final DslBuilder builder;
    private final String node;
    private final @Nullable String storeName;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable WindowedTable windowed;

    /** A table; {@code windowed} describes the windows of a windowed aggregation's table, null for others. */
    KTableImpl(DslBuilder builder, String node, @Nullable String storeName, @Nullable Serde<K> keySerde,
               @Nullable Serde<V> valueSerde, @Nullable WindowedTable windowed) {
        this.builder = builder;
        this.node = node;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.windowed = windowed;
    }

    /** The key-value store a join looks rows up in; fails if the table is not materialized. */
    String joinableStore(String operation) {
        if (windowed != null) {
            throw new TopologyException(operation + " on a windowed table is not supported");
        }
        if (storeName == null) {
            throw new TopologyException(operation + " needs a materialized table: give the table's filter or "
                + "mapValues a Materialized.as(...) name");
        }
        return storeName;
    }

    @Override
    public KTable<K, V> filter(BiPredicate<? super K, ? super V> predicate) {
        return filter(predicate, null, true);
    }

    @Override
    public KTable<K, V> filter(BiPredicate<? super K, ? super V> predicate, Materialized<K, V> materialized) {
        return filter(predicate, requireNonNull(materialized, "materialized"), true);
    }

    @Override
    public KTable<K, V> filterNot(BiPredicate<? super K, ? super V> predicate) {
        return filter(predicate, null, false);
    }

    @Override
    public KTable<K, V> filterNot(BiPredicate<? super K, ? super V> predicate, Materialized<K, V> materialized) {
        return filter(predicate, requireNonNull(materialized, "materialized"), false);
    }

    private KTable<K, V> filter(BiPredicate<? super K, ? super V> predicate, @Nullable Materialized<K, V> m,
                                boolean keep) {
        requireNonNull(predicate, "predicate");
        String name = builder.addProcessor(builder.nodeName((Named) null, keep ? "KTABLE-FILTER" : "KTABLE-FILTERNOT"),
            () -> new TableProcessors.Filter<>(predicate, keep), node);
        return materialize(name, m, valueSerde);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(Function<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(Function<? super V, ? extends VR> mapper,
                                        @Nullable Materialized<K, VR> materialized) {
        requireNonNull(mapper, "mapper");
        String name = builder.addProcessor(builder.nodeName((Named) null, "KTABLE-MAPVALUES"),
            () -> new TableProcessors.MapValues<>(mapper), node);
        return materialize(name, materialized, null);
    }

    /** A table from {@code from}; with {@code m}, stored in a store of that name. */
    private <VR> KTable<K, VR> materialize(String from, @Nullable Materialized<K, VR> m,
                                           @Nullable Serde<VR> inheritedValueSerde) {
        if (m == null) {
            return new KTableImpl<>(builder, from, null, keySerde, inheritedValueSerde, windowed);
        }
        if (windowed != null) {
            throw new TopologyException("Materializing a windowed table again is not supported");
        }
        String store = builder.stateName(m.storeName(), "KTABLE-STATE-STORE", "materialized table operation");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<VR> vs = m.valueSerde() != null ? m.valueSerde() : inheritedValueSerde;
        boolean caching = m.cachingEnabled();
        String name = builder.addProcessor(store + "-materialize",
            () -> new TableProcessors.Materialize<>(store, caching), from);
        builder.graph().addStore(new KeyValueStoreSpec<>(store, ks, vs, m.loggingEnabled(), m.changelogConfig(),
            m.storeType()),
            name);
        return new KTableImpl<>(builder, name, store, ks, vs, null);
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(null);
    }

    @Override
    public KStream<K, V> toStream(@Nullable Named named) {
        String name = builder.addProcessor(builder.nodeName(named, "KTABLE-TOSTREAM"), TableProcessors.ToStream::new,
            node);
        return new KStreamImpl<>(builder, name, keySerde, valueSerde, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, null, false, false, "KTABLE-JOIN");
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR> materialized) {
        return join(other, joiner, requireNonNull(materialized, "materialized"), false, false, "KTABLE-JOIN");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
                                           BiFunction<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, null, true, false, "KTABLE-LEFTJOIN");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
                                           BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR> materialized) {
        return join(other, joiner, requireNonNull(materialized, "materialized"), true, false, "KTABLE-LEFTJOIN");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            BiFunction<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, null, true, true, "KTABLE-OUTERJOIN");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                            Materialized<K, VR> materialized) {
        return join(other, joiner, requireNonNull(materialized, "materialized"), true, true, "KTABLE-OUTERJOIN");
    }

    /** Both sides' updates look up the other side; {@code keepThis}/{@code keepOther} make it left/outer. */
    private <VO, VR> KTable<K, VR> join(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                        @Nullable Materialized<K, VR> materialized, boolean keepThis,
                                        boolean keepOther, String prefix) {
        requireNonNull(joiner, "joiner");
        KTableImpl<K, VO> o = (KTableImpl<K, VO>) requireNonNull(other, "other");
        String thisStore = joinableStore("table-table join");
        String otherStore = o.joinableStore("table-table join");
        String thisSide = builder.addProcessor(builder.nodeName((Named) null, prefix + "-THIS"),
            () -> new TableProcessors.JoinSide<K, V, VO, VR>(otherStore, joiner, keepThis, keepOther), node);
        BiFunction<VO, V, VR> reversed = (vo, v) -> joiner.apply(v, vo);
        String otherSide = builder.addProcessor(builder.nodeName((Named) null, prefix + "-OTHER"),
            () -> new TableProcessors.JoinSide<K, VO, V, VR>(thisStore, reversed, keepOther, keepThis), o.node);
        builder.graph().connectStore(thisSide, otherStore);
        builder.graph().connectStore(otherSide, thisStore);
        String merged = builder.addProcessor(builder.nodeName((Named) null, prefix + "-MERGE"),
            StatelessProcessors.PassThrough::new, thisSide, otherSide);
        return new KTableImpl<K, VR>(builder, merged, null, keySerde, null, null).materialize(merged, materialized,
            null);
    }

    @Override
    public <KO, VO, VR> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKey,
                                           BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR> materialized) {
        return foreignKeyJoin(other, foreignKey, joiner, materialized, false);
    }

    @Override
    public <KO, VO, VR> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKey,
                                               BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                               Materialized<K, VR> materialized) {
        return foreignKeyJoin(other, foreignKey, joiner, materialized, true);
    }

    /** The nodes, topics and store of a foreign-key join (see {@link ForeignKeyJoinProcessors}). */
    @SuppressWarnings("unchecked")
    private <KO, VO, VR> KTable<K, VR> foreignKeyJoin(KTable<KO, VO> other,
                                                      Function<? super V, ? extends KO> foreignKey,
                                                      BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                                      Materialized<K, VR> materialized, boolean leftJoin) {
        requireNonNull(foreignKey, "foreignKey");
        requireNonNull(joiner, "joiner");
        requireNonNull(materialized, "materialized");
        KTableImpl<KO, VO> o = (KTableImpl<KO, VO>) requireNonNull(other, "other");
        String leftStore = joinableStore("foreign-key join");
        String rightStore = o.joinableStore("foreign-key join");
        String name = builder.stateName(materialized.storeName(), "KTABLE-FK-JOIN",
            "foreign-key join (name it with Materialized.as)");
        String subscriptionTopic = name + "-subscription-registration";
        String responseTopic = name + "-subscription-response";
        String subscriptionStore = name + "-subscription-store";
        TopologyGraph graph = builder.graph();
        graph.addInternalTopicPartitionedLike(subscriptionTopic, o.node);
        graph.addInternalTopicPartitionedLike(responseTopic, node);
        ForeignKeyJoinProcessors.JoinSerdes<K, V, KO, VO> serdes = new ForeignKeyJoinProcessors.JoinSerdes<>(keySerde,
            valueSerde, o.keySerde, o.valueSerde, subscriptionTopic);
        String subscriptionSink = name + "-subscription-sink";
        String result = name + "-result";
        BiFunction<? super V, ? super Object, ? extends VR> anyJoiner =
            (BiFunction<? super V, ? super Object, ? extends VR>) joiner;
        String subscriber = builder.addProcessor(name + "-subscriber",
            () -> new ForeignKeyJoinProcessors.Subscriber<K, V, KO, VR>(foreignKey, anyJoiner, leftJoin, serdes,
                subscriptionSink, result), node);
        graph.addNode(new NodeSpec.Sink(subscriptionSink, subscriptionTopic, null,
            o.keySerde == null ? null : o.keySerde.serializer(), Serdes.byteArray().serializer(), List.of(subscriber)));
        // The right side: subscriptions in, answers out, from the subscriptions and from right updates.
        String subscriptionSource = name + "-subscription-source";
        graph.addNode(new NodeSpec.Source(subscriptionSource, List.of(subscriptionTopic),
            Serdes.byteArray().deserializer(), Serdes.byteArray().deserializer(), null));
        String registrar = builder.addProcessor(name + "-subscription-registrar",
            () -> new ForeignKeyJoinProcessors.Registrar<KO, VO>(subscriptionStore, rightStore, serdes),
            subscriptionSource);
        graph.addStore(new KeyValueStoreSpec<>(subscriptionStore, Serdes.byteArray(), Serdes.byteArray(), true,
            Map.of()), registrar);
        graph.connectStore(registrar, rightStore);
        String rightUpdates = builder.addProcessor(name + "-right-updates",
            () -> new ForeignKeyJoinProcessors.RightUpdates<KO, VO>(subscriptionStore, serdes), o.node);
        graph.connectStore(rightUpdates, subscriptionStore);
        graph.addNode(new NodeSpec.Sink(name + "-response-sink", responseTopic, null, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer(), List.of(registrar, rightUpdates)));
        // The left side again: answers in, joined with the row that subscribed if it is still current.
        String responseSource = name + "-response-source";
        graph.addNode(new NodeSpec.Source(responseSource, List.of(responseTopic),
            keySerde == null ? null : keySerde.deserializer(), Serdes.byteArray().deserializer(), null));
        String resolver = builder.addProcessor(name + "-resolver",
            () -> new ForeignKeyJoinProcessors.Resolver<K, V, VO, VR>(leftStore, joiner, leftJoin, serdes),
            responseSource);
        graph.connectStore(resolver, leftStore);
        builder.addProcessor(result, StatelessProcessors.PassThrough::new, subscriber, resolver);
        return new KTableImpl<K, VR>(builder, result, null, keySerde, null, null).materialize(result, materialized,
            null);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        requireNonNull(suppressed, "suppressed");
        WindowedTable w = windowed;
        java.time.Duration limit = suppressed.timeLimit();
        if (limit == null && w == null) {
            throw new TopologyException("suppress(untilWindowCloses) needs a windowed table (windowedBy(...) then an "
                + "aggregation)");
        }
        String store = builder.stateName(suppressed.name(), "KTABLE-SUPPRESS-STATE-STORE",
            "suppress() (name it with Suppressed.withName)");
        Suppressed.BufferConfig bound = suppressed.bufferConfig();
        ProcessorSupplier supplier = limit == null
            ? () -> SuppressProcessor.untilWindowCloses(store, w.closeAfterEndMs(), bound)
            : () -> SuppressProcessor.untilTimeLimit(store, limit.toMillis(), bound);
        String name = builder.addProcessor(store + "-suppress", supplier, node);
        builder.graph().addStore(w == null
            ? new SuppressionBufferSpec<>(store, keySerde, valueSerde, null)
            : new SuppressionBufferSpec<>(store, (Serde<Object>) w.innerKeySerde(), valueSerde, w.layout()), name);
        return new KTableImpl<>(builder, name, null, keySerde, valueSerde, w);
    }

    @Override
    public @Nullable String queryableStoreName() {
        return storeName;
    }
}
