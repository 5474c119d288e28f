package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.BranchedKStream;
import io.tributary.streams.GlobalKTable;
import io.tributary.streams.Grouped;
import io.tributary.streams.JoinWindows;
import io.tributary.streams.Joined;
import io.tributary.streams.KGroupedStream;
import io.tributary.streams.KStream;
import io.tributary.streams.KTable;
import io.tributary.streams.KeyValue;
import io.tributary.streams.Materialized;
import io.tributary.streams.Named;
import io.tributary.streams.Produced;
import io.tributary.streams.Repartitioned;
import io.tributary.streams.StreamJoined;
import io.tributary.streams.TopologyException;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.dsl.StreamStreamJoinGraph.Kind;
import io.tributary.streams.internal.state.KeyValueStoreSpec;
import io.tributary.streams.processor.ProcessorSupplier;
import io.tributary.streams.processor.TopicNameExtractor;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stream: the node its records leave from, the serdes known for its key and value (null: unknown, use the
 * defaults), and whether its key changed since it was last partitioned. Immutable.
 */
public final class KStreamImpl<K, V> implements KStream<K, V> {
    private final DslBuilder builder;
    private final String node;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final boolean repartitionRequired;

    public KStreamImpl(DslBuilder builder, String node, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde,
                       boolean repartitionRequired) {
        this.builder = builder;
        this.node = node;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    String node() {
        return node;
    }

    @Nullable Serde<K> keySerde() {
        return keySerde;
    }

    @Nullable Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Whether the key changed since the stream was last partitioned, so a join or grouping must repartition. */
    boolean repartitionRequired() {
        return repartitionRequired;
    }

    private <KR, VR> KStreamImpl<KR, VR> then(@Nullable Named named, String prefix, ProcessorSupplier<K, V, KR, VR> p,
                                              @Nullable Serde<KR> ks, @Nullable Serde<VR> vs, boolean rekeyed) {
        String name = builder.addProcessor(builder.nodeName(named, prefix), p, node);
        return new KStreamImpl<>(builder, name, ks, vs, rekeyed);
    }

    @Override
    public KStream<K, V> filter(BiPredicate<? super K, ? super V> predicate) {
        return filter(predicate, null, true);
    }

    @Override
    public KStream<K, V> filter(BiPredicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, requireNonNull(named, "named"), true);
    }

    @Override
    public KStream<K, V> filterNot(BiPredicate<? super K, ? super V> predicate) {
        return filter(predicate, null, false);
    }

    @Override
    public KStream<K, V> filterNot(BiPredicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, requireNonNull(named, "named"), false);
    }

    private KStream<K, V> filter(BiPredicate<? super K, ? super V> predicate, @Nullable Named named, boolean keep) {
        requireNonNull(predicate, "predicate");
        return then(named, keep ? "KSTREAM-FILTER" : "KSTREAM-FILTERNOT",
            () -> new StatelessProcessors.Filter<>(predicate, keep), keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper,
                                        @Nullable Named named) {
        requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-MAP", () -> new StatelessProcessors.KeyValueMap<>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(Function<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(Function<? super V, ? extends VR> mapper, @Nullable Named named) {
        requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-MAPVALUES", () -> new StatelessProcessors.MapValues<>(mapper), keySerde, null,
            repartitionRequired);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(BiFunction<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(BiFunction<? super K, ? super V, ? extends KR> mapper,
                                        @Nullable Named named) {
        requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-KEY-SELECT", () -> new StatelessProcessors.SelectKey<>(mapper), null,
            valueSerde, true);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper) {
        return flatMap(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
        BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper, @Nullable Named named) {
        requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-FLATMAP", () -> new StatelessProcessors.FlatMap<>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(Function<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(Function<? super V, ? extends Iterable<? extends VR>> mapper,
                                             @Nullable Named named) {
        requireNonNull(mapper, "mapper");
        return then(named, "KSTREAM-FLATMAPVALUES", () -> new StatelessProcessors.FlatMapValues<>(mapper), keySerde,
            null, repartitionRequired);
    }

    @Override
    public KStream<K, V> peek(BiConsumer<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(BiConsumer<? super K, ? super V> action, @Nullable Named named) {
        requireNonNull(action, "action");
        return then(named, "KSTREAM-PEEK", () -> new StatelessProcessors.Peek<>(action, true), keySerde, valueSerde,
            repartitionRequired);
    }

    @Override
    public void foreach(BiConsumer<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(BiConsumer<? super K, ? super V> action, @Nullable Named named) {
        requireNonNull(action, "action");
        then(named, "KSTREAM-FOREACH", () -> new StatelessProcessors.Peek<>(action, false), keySerde, valueSerde,
            repartitionRequired);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return new BranchedKStreamImpl<>(builder, this, builder.nodeName((Named) null, "KSTREAM-BRANCH") + "-");
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        return new BranchedKStreamImpl<>(builder, this, requireNonNull(named, "named").name());
    }

    /** A child stream from {@code newNode}, with this stream's serdes and partitioning. */
    KStreamImpl<K, V> child(String newNode) {
        return new KStreamImpl<>(builder, newNode, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> other) {
        return merge(other, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> other, @Nullable Named named) {
        KStreamImpl<K, V> o = (KStreamImpl<K, V>) requireNonNull(other, "other");
        String name = builder.addProcessor(builder.nodeName(named, "KSTREAM-MERGE"),
            StatelessProcessors.PassThrough::new, node, o.node);
        return new KStreamImpl<>(builder, name, keySerde, valueSerde, repartitionRequired || o.repartitionRequired);
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        requireNonNull(repartitioned, "repartitioned");
        String name = builder.stateName(repartitioned.name(), "KSTREAM-REPARTITION", "repartition()");
        Serde<K> ks = repartitioned.keySerde() != null ? repartitioned.keySerde() : keySerde;
        Serde<V> vs = repartitioned.valueSerde() != null ? repartitioned.valueSerde() : valueSerde;
        String source = builder.repartition(node, name, ks, vs, repartitioned.numberOfPartitions());
        return new KStreamImpl<>(builder, source, ks, vs, false);
    }

    @Override
    public void to(String topic) {
        requireNonNull(topic, "topic");
        addSink(topic, null, keySerde, valueSerde, null);
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        requireNonNull(topic, "topic");
        requireNonNull(produced, "produced");
        addSink(topic, null, produced.keySerde() != null ? produced.keySerde() : keySerde,
            produced.valueSerde() != null ? produced.valueSerde() : valueSerde, produced.name());
    }

    @Override
    public void to(TopicNameExtractor<K, V> extractor) {
        requireNonNull(extractor, "extractor");
        addSink(null, extractor, keySerde, valueSerde, null);
    }

    @Override
    public void to(TopicNameExtractor<K, V> extractor, Produced<K, V> produced) {
        requireNonNull(extractor, "extractor");
        requireNonNull(produced, "produced");
        addSink(null, extractor, produced.keySerde() != null ? produced.keySerde() : keySerde,
            produced.valueSerde() != null ? produced.valueSerde() : valueSerde, produced.name());
    }

    private void addSink(@Nullable String topic, @Nullable TopicNameExtractor<K, V> extractor,
                         @Nullable Serde<K> ks, @Nullable Serde<V> vs, @Nullable String name) {
        builder.graph().addNode(new NodeSpec.Sink(builder.nodeName(name, "KSTREAM-SINK"), topic,
            extractor, ks == null ? null : ks.serializer(), vs == null ? null : vs.serializer(), List.of(node)));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V> materialized) {
        return toTableWith(requireNonNull(materialized, "materialized"));
    }

    @Override
    public KTable<K, V> toTable() {
        return toTableWith(null);
    }

    /** Without {@code m}, a generated store name and no record cache, as Kafka Streams' unnamed toTable(). */
    private KTable<K, V> toTableWith(@Nullable Materialized<K, V> m) {
        String store = builder.stateName(m == null ? null : m.storeName(), "KSTREAM-TOTABLE-STATE-STORE",
            "toTable() (name it with Materialized.as)");
        Serde<K> ks = m != null && m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<V> vs = m != null && m.valueSerde() != null ? m.valueSerde() : valueSerde;
        boolean caching = m != null && m.cachingEnabled();
        KStreamImpl<K, V> input = repartitionRequired ? rekeyedThrough(store, ks, vs) : this;
        String name = builder.addProcessor(builder.nodeName((Named) null, "KSTREAM-TOTABLE"),
            () -> new TableProcessors.Source<K, V>(store, caching), input.node);
        builder.graph().addStore(new KeyValueStoreSpec<>(store, ks, vs, m == null || m.loggingEnabled(),
            m == null ? Map.of() : m.changelogConfig(), m == null ? null : m.storeType()), name);
        return new KTableImpl<>(builder, name, store, ks, vs, null);
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return new KGroupedStreamImpl<>(builder, node, keySerde, valueSerde, repartitionRequired, null);
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        requireNonNull(grouped, "grouped");
        Serde<K> ks = grouped.keySerde() != null ? grouped.keySerde() : keySerde;
        Serde<V> vs = grouped.valueSerde() != null ? grouped.valueSerde() : valueSerde;
        return new KGroupedStreamImpl<>(builder, node, ks, vs, repartitionRequired, grouped.name());
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(BiFunction<? super K, ? super V, KR> keySelector) {
        requireNonNull(keySelector, "keySelector");
        KStreamImpl<KR, V> rekeyed = (KStreamImpl<KR, V>) selectKey(keySelector);
        return new KGroupedStreamImpl<>(builder, rekeyed.node, null, valueSerde, true, null);
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(BiFunction<? super K, ? super V, KR> keySelector,
                                             Grouped<KR, V> grouped) {
        requireNonNull(keySelector, "keySelector");
        requireNonNull(grouped, "grouped");
        KStreamImpl<KR, V> rekeyed = (KStreamImpl<KR, V>) selectKey(keySelector);
        Serde<V> vs = grouped.valueSerde() != null ? grouped.valueSerde() : valueSerde;
        return new KGroupedStreamImpl<>(builder, rekeyed.node, grouped.keySerde(), vs, true, grouped.name());
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                       BiFunction<? super V, ? super VT, ? extends VR> joiner) {
        return joinTable(table, joiner, null, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, BiFunction<? super V, ? super VT, ? extends VR> joiner,
                                       Joined<K, V, VT> joined) {
        return joinTable(table, joiner, requireNonNull(joined, "joined"), false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                           BiFunction<? super V, ? super VT, ? extends VR> joiner) {
        return joinTable(table, joiner, null, true);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                           BiFunction<? super V, ? super VT, ? extends VR> joiner,
                                           Joined<K, V, VT> joined) {
        return joinTable(table, joiner, requireNonNull(joined, "joined"), true);
    }

    private <VT, VR> KStream<K, VR> joinTable(KTable<K, VT> table,
                                              BiFunction<? super V, ? super VT, ? extends VR> joiner,
                                              @Nullable Joined<K, V, VT> joined, boolean left) {
        requireNonNull(joiner, "joiner");
        KTableImpl<K, VT> t = (KTableImpl<K, VT>) requireNonNull(table, "table");
        String store = t.joinableStore("stream-table join");
        KStreamImpl<K, V> input = this;
        if (repartitionRequired) {
            String name = builder.stateName(joined == null ? null : joined.name(), "KSTREAM-JOIN",
                "stream-table join of a re-keyed stream (name it with Joined.as)");
            Serde<K> ks = joined != null && joined.keySerde() != null ? joined.keySerde() : keySerde;
            Serde<V> vs = joined != null && joined.valueSerde() != null ? joined.valueSerde() : valueSerde;
            input = rekeyedThrough(name, ks, vs);
        }
        String name = builder.addProcessor(builder.nodeName(joined == null ? null : joined.name(),
            left ? "KSTREAM-LEFTJOIN" : "KSTREAM-JOIN"), () -> new StreamTableJoin<>(store, joiner, left),
            input.node);
        builder.graph().connectStore(name, store);
        return new KStreamImpl<>(builder, name, input.keySerde, null, false);
    }

    @Override
    public <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> globalTable,
                                           BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                           BiFunction<? super V, ? super GV, ? extends VR> joiner) {
        return joinGlobal(globalTable, keySelector, joiner, null, false);
    }

    @Override
    public <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> globalTable,
                                           BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                           BiFunction<? super V, ? super GV, ? extends VR> joiner, Named named) {
        return joinGlobal(globalTable, keySelector, joiner, requireNonNull(named, "named"), false);
    }

    @Override
    public <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> globalTable,
                                               BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                               BiFunction<? super V, ? super GV, ? extends VR> joiner) {
        return joinGlobal(globalTable, keySelector, joiner, null, true);
    }

    @Override
    public <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> globalTable,
                                               BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                               BiFunction<? super V, ? super GV, ? extends VR> joiner, Named named) {
        return joinGlobal(globalTable, keySelector, joiner, requireNonNull(named, "named"), true);
    }

    private <GK, GV, VR> KStream<K, VR> joinGlobal(GlobalKTable<GK, GV> globalTable,
                                                   BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                                   BiFunction<? super V, ? super GV, ? extends VR> joiner,
                                                   @Nullable Named named, boolean left) {
        String store = requireNonNull(globalTable, "globalTable").queryableStoreName();
        requireNonNull(keySelector, "keySelector");
        requireNonNull(joiner, "joiner");
        if (!builder.graph().isGlobalStore(store)) {
            throw new IllegalArgumentException("globalTable " + store + " was not made by this StreamsBuilder");
        }
        // No repartition: every task holds the whole global table, whatever partition the mapped key is in.
        String name = builder.addProcessor(builder.nodeName(named, left ? "KSTREAM-LEFTJOIN" : "KSTREAM-JOIN"),
            () -> new StreamGlobalTableJoin<>(store, keySelector, joiner, left), node);
        builder.graph().connectStore(name, store);
        return new KStreamImpl<>(builder, name, keySerde, null, repartitionRequired);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                       JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return joinStream(other, joiner, windows, requireNonNull(streamJoined, "streamJoined"), Kind.INNER);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                       JoinWindows windows) {
        return joinStream(other, joiner, windows, null, Kind.INNER);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> other,
                                           BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                           JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return joinStream(other, joiner, windows, requireNonNull(streamJoined, "streamJoined"), Kind.LEFT);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> other,
                                           BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                           JoinWindows windows) {
        return joinStream(other, joiner, windows, null, Kind.LEFT);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> other,
                                            BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return joinStream(other, joiner, windows, requireNonNull(streamJoined, "streamJoined"), Kind.OUTER);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> other,
                                            BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return joinStream(other, joiner, windows, null, Kind.OUTER);
    }

    private <VO, VR> KStream<K, VR> joinStream(KStream<K, VO> other,
                                               BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                               JoinWindows windows, @Nullable StreamJoined<K, V, VO> joined,
                                               Kind kind) {
        requireNonNull(joiner, "joiner");
        requireNonNull(windows, "windows");
        KStreamImpl<K, VO> o = (KStreamImpl<K, VO>) requireNonNull(other, "other");
        return StreamStreamJoinGraph.join(builder, this, o, joiner, windows, joined, kind);
    }

    private KStreamImpl<K, V> rekeyedThrough(String name, @Nullable Serde<K> ks, @Nullable Serde<V> vs) {
        return new KStreamImpl<>(builder, builder.repartition(node, name, ks, vs, 0), ks, vs, false);
    }

    @Override
    public <KR, VR> KStream<KR, VR> process(ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
                                           String... stateStoreNames) {
        return process(supplier, null, stateStoreNames);
    }

    @Override
    public <KR, VR> KStream<KR, VR> process(ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
                                           @Nullable Named named, String... stateStoreNames) {
        requireNonNull(supplier, "supplier");
        String name = builder.addProcessor(builder.nodeName(named, "KSTREAM-PROCESSOR"), supplier, node);
        for (String store : stateStoreNames) {
            if (!builder.graph().hasStore(store)) {
                throw new TopologyException("process() names the unknown store " + store + "; add it first with "
                    + "StreamsBuilder.addStateStore");
            }
            builder.graph().connectStore(name, store);
        }
        // The processor may forward any key: treat it as re-keyed, as Kafka Streams does.
        return new KStreamImpl<>(builder, name, null, null, true);
    }
}
