package io.tributary.streams;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A changelog stream seen as a table: the latest value per key; a null value deletes the key. Updates flow
 * downstream as they happen, except those of tables kept in a store given by a {@link Materialized} (count, reduce
 * and aggregate, windowed ones included, and source, {@code toTable} and materialized tables), which go through the
 * record cache: once per key per commit, with the value of the last commit as old value (see
 * {@link Materialized#withCachingDisabled()}).
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1
 */
public interface KTable<K, V> {
    /** The rows for which {@code predicate} holds; an update to a row that does not match deletes it downstream. */
    KTable<K, V> filter(BiPredicate<? super K, ? super V> predicate);

    KTable<K, V> filter(BiPredicate<? super K, ? super V> predicate, Materialized<K, V> materialized);

    KTable<K, V> filterNot(BiPredicate<? super K, ? super V> predicate);

    KTable<K, V> filterNot(BiPredicate<? super K, ? super V> predicate, Materialized<K, V> materialized);

    /** Each row with a new value; deletions stay deletions. */
    <VR> KTable<K, VR> mapValues(Function<? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(Function<? super V, ? extends VR> mapper, Materialized<K, VR> materialized);

    /** The stream of updates: each new value (null for deletions). */
    KStream<K, V> toStream();

    KStream<K, V> toStream(Named named);

    /**
     * Joins rows with equal keys; both tables must be materialized (source tables, aggregations, or with a
     * {@link Materialized} name). An update on either side emits the joined value, with the larger timestamp.
     */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR> materialized);

    /** As {@link #join(KTable, BiFunction)}, keeping rows of this table without a match (joined with null). */
    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR> materialized);

    /**
     * Foreign-key join (KIP-213): joins each row with the row of {@code other} whose key {@code foreignKey} extracts
     * from the row's value; the result is keyed like this table. The tables need not be co-partitioned: rows travel
     * through two internal topics, {@code <application.id>-<name>-subscription-registration} (partitioned like
     * {@code other}) and {@code <application.id>-<name>-subscription-response} (like this table), and the right
     * side keeps its subscribers in the store {@code <name>-subscription-store}, where {@code <name>} is the
     * {@code materialized} store's name. Both tables must be materialized. A row whose foreign key is null, or
     * whose value was deleted, joins nothing (its result is deleted).
     */
    <KO, VO, VR> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKey,
                                    BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR> materialized);

    /**
     * As {@link #join(KTable, Function, BiFunction, Materialized)}, keeping rows without a right row (or without a
     * foreign key), joined with null.
     */
    <KO, VO, VR> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKey,
                                        BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR> materialized);

    /** As {@link #join(KTable, BiFunction)}, keeping rows of either table without a match. */
    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                     Materialized<K, VR> materialized);

    /**
     * Holds back updates as {@code suppressed} says. {@link Suppressed#untilWindowCloses} emits each window's final
     * value once stream time passes its end plus grace (plus the inactivity gap for sessions: records are then late
     * anyway), in order of window end, then key bytes, with the final value's timestamp; sessions merged into a
     * later one are never emitted; it needs a windowed table. {@link Suppressed#untilTimeLimit} emits a key's latest
     * update (deletions too) once stream time is the limit past the update that put the key in the buffer, in order
     * of that update's timestamp, then key bytes, with the latest update's timestamp, on any table. The buffer is
     * kept in memory and logged to a changelog.
     *
     * @throws TopologyException for {@code untilWindowCloses} on a table that is not a windowed aggregation
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    /** The name of the store holding this table, if it is materialized. */
    @Nullable String queryableStoreName();
}
