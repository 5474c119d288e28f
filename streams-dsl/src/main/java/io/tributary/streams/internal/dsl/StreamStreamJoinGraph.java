package io.tributary.streams.internal.dsl;

import io.tributary.serdes.Serde;
import io.tributary.streams.JoinWindows;
import io.tributary.streams.Materialized.StoreType;
import io.tributary.streams.StreamJoined;
import io.tributary.streams.internal.state.JoinBufferSpec;
import io.tributary.streams.internal.state.OuterJoinBufferSpec;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Adds a windowed stream-stream join to the topology, with Kafka Streams' layout and names for a join named
 * {@code n}: processors {@code n-this-windowed} and {@code n-other-windowed} keep each side's records in a window
 * store; the join processors {@code n-this-join} and {@code n-other-join} (with an {@code -outer} infix on a side
 * whose partner side keeps unjoined records) look up the other side's store; {@code n-merge} merges their results.
 * Stores are named after their processor plus {@code -store}; left and outer joins add the shared store of
 * unjoined records, {@code n-left-shared-join-store} or {@code n-outer-shared-join-store}. A store name given with
 * {@code StreamJoined.withStoreName} replaces {@code n} in the store names. Used on the building thread only.
 */
final class StreamStreamJoinGraph {
    /** Which records without a partner a join emits, joined with null. */
    enum Kind {
        INNER("KSTREAM-JOIN", "stream-stream join"),
        LEFT("KSTREAM-LEFTJOIN", "stream-stream left join"),
        OUTER("KSTREAM-OUTERJOIN", "stream-stream outer join");

        private final String prefix;
        private final String operation;

        Kind(String prefix, String operation) {
            this.prefix = prefix;
            this.operation = operation;
        }
    }

    private StreamStreamJoinGraph() {
    }

    /** Joins {@code left} with {@code right}; each is first repartitioned if its key changed. */
    static <K, V, VO, VR> KStreamImpl<K, VR> join(DslBuilder builder, KStreamImpl<K, V> left,
                                                  KStreamImpl<K, VO> right,
                                                  BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                                  JoinWindows windows, @Nullable StreamJoined<K, V, VO> joined,
                                                  Kind kind) {
        // A store name alone names the whole join, so that its repartition topics are stable too.
        String name = builder.stateName(joined == null ? null : joined.name() != null ? joined.name()
            : joined.storeName(), kind.prefix, kind.operation + " (name it with StreamJoined.as)");
        String storeBase = joined != null && joined.storeName() != null ? joined.storeName() : name;
        Serde<K> ks = joined != null && joined.keySerde() != null ? joined.keySerde() : left.keySerde();
        Serde<V> vs = joined != null && joined.valueSerde() != null ? joined.valueSerde() : left.valueSerde();
        Serde<VO> os = joined != null && joined.otherValueSerde() != null ? joined.otherValueSerde()
            : right.valueSerde();
        String leftNode = left.repartitionRequired() ? builder.repartition(left.node(), name + "-left", ks, vs, 0)
            : left.node();
        String rightNode = right.repartitionRequired()
            ? builder.repartition(right.node(), name + "-right", ks, os, 0) : right.node();
        boolean leftKeeps = kind != Kind.INNER;
        boolean rightKeeps = kind == Kind.OUTER;
        // As in Kafka Streams: a side is "outer" when the other side keeps its unjoined records.
        String thisSuffix = rightKeeps ? "-outer-this-join" : "-this-join";
        String otherSuffix = leftKeeps ? "-outer-other-join" : "-other-join";
        String thisJoin = name + thisSuffix;
        String otherJoin = name + otherSuffix;
        String thisStore = storeBase + thisSuffix + "-store";
        String otherStore = storeBase + otherSuffix + "-store";
        String sharedStore = switch (kind) {
            case INNER -> null;
            case LEFT -> storeBase + "-left-shared-join-store";
            case OUTER -> storeBase + "-outer-shared-join-store";
        };
        long retention = windows.beforeMs() + windows.afterMs() + windows.gracePeriodMs();
        boolean logged = joined == null || joined.loggingEnabled();
        Map<String, String> changelogConfig = joined == null ? Map.of() : joined.changelogConfig();
        // One type for all of the join's stores, as Kafka Streams' DSL store suppliers give.
        @Nullable StoreType storeType = joined == null ? null : joined.storeType();
        String thisRemember = builder.addProcessor(name + "-this-windowed",
            () -> new StreamStreamJoin.Remember<K, V>(thisStore), leftNode);
        String otherRemember = builder.addProcessor(name + "-other-windowed",
            () -> new StreamStreamJoin.Remember<K, VO>(otherStore), rightNode);
        builder.graph().addStore(new JoinBufferSpec<>(thisStore, ks, vs, retention, logged, changelogConfig,
            storeType), thisRemember);
        builder.graph().addStore(new JoinBufferSpec<>(otherStore, ks, os, retention, logged, changelogConfig,
            storeType), otherRemember);
        builder.addProcessor(thisJoin, () -> new StreamStreamJoin.Join<K, V, VO, VR>(otherStore, sharedStore,
            windows, true, leftKeeps, joiner), thisRemember);
        BiFunction<VO, V, VR> reversed = (vo, v) -> joiner.apply(v, vo);
        builder.addProcessor(otherJoin, () -> new StreamStreamJoin.Join<K, VO, V, VR>(thisStore, sharedStore,
            windows, false, rightKeeps, reversed), otherRemember);
        builder.graph().connectStore(thisJoin, otherStore);
        builder.graph().connectStore(otherJoin, thisStore);
        if (sharedStore != null) {
            builder.graph().addStore(new OuterJoinBufferSpec<>(sharedStore, ks, vs, os, logged, changelogConfig,
                storeType), thisJoin, otherJoin);
        }
        String merged = builder.addProcessor(name + "-merge", StatelessProcessors.PassThrough::new, thisJoin,
            otherJoin);
        return new KStreamImpl<>(builder, merged, ks, null, false);
    }
}
