package io.tributary.streams;

import io.tributary.streams.processor.ProcessorSupplier;
import io.tributary.streams.processor.TopicNameExtractor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * An unbounded stream of records, each an independent event. Operations return new streams; nothing runs until the
 * built {@link Topology} runs. Functions are the {@code java.util.function} types ({@code (key, value) -> ...}), so
 * Kafka Streams lambdas carry over unchanged.
 *
 * <p>Operations that change the key ({@link #map}, {@link #selectKey}, {@link #flatMap}) mark the stream for
 * repartitioning: a later grouping or join first writes it through a repartition topic, so that equal keys meet in
 * one task.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1
 */
public interface KStream<K, V> {
    /** The records for which {@code predicate} holds. */
    KStream<K, V> filter(BiPredicate<? super K, ? super V> predicate);

    KStream<K, V> filter(BiPredicate<? super K, ? super V> predicate, Named named);

    /** The records for which {@code predicate} does not hold. */
    KStream<K, V> filterNot(BiPredicate<? super K, ? super V> predicate);

    KStream<K, V> filterNot(BiPredicate<? super K, ? super V> predicate, Named named);

    /** Each record as the key and value {@code mapper} makes of it (marks the stream for repartitioning). */
    <KR, VR> KStream<KR, VR> map(BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper);

    <KR, VR> KStream<KR, VR> map(BiFunction<? super K, ? super V, KeyValue<KR, VR>> mapper, Named named);

    /** Each record with a new value; the key is unchanged, so no repartitioning follows. */
    <VR> KStream<K, VR> mapValues(Function<? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(Function<? super V, ? extends VR> mapper, Named named);

    /** Each record with a new key (marks the stream for repartitioning). */
    <KR> KStream<KR, V> selectKey(BiFunction<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> selectKey(BiFunction<? super K, ? super V, ? extends KR> mapper, Named named);

    /** Zero or more records per record (marks the stream for repartitioning). */
    <KR, VR> KStream<KR, VR> flatMap(BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper);

    <KR, VR> KStream<KR, VR> flatMap(BiFunction<? super K, ? super V, ? extends Iterable<KeyValue<KR, VR>>> mapper,
                                     Named named);

    /** Zero or more values per record, each with the record's key. */
    <VR> KStream<K, VR> flatMapValues(Function<? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(Function<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /** Runs {@code action} on each record and passes it on unchanged. */
    KStream<K, V> peek(BiConsumer<? super K, ? super V> action);

    KStream<K, V> peek(BiConsumer<? super K, ? super V> action, Named named);

    /** Runs {@code action} on each record; a terminal operation. */
    void foreach(BiConsumer<? super K, ? super V> action);

    void foreach(BiConsumer<? super K, ? super V> action, Named named);

    /** Splits the stream by predicates: each record goes to the first branch whose predicate holds. */
    BranchedKStream<K, V> split();

    /** As {@link #split()}, with {@code named} as the prefix of branch names. */
    BranchedKStream<K, V> split(Named named);

    /** The records of both streams, interleaved as they are processed. */
    KStream<K, V> merge(KStream<K, V> other);

    KStream<K, V> merge(KStream<K, V> other, Named named);

    /** Writes the stream through a repartition topic (so it is partitioned by its current key) and reads it back. */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /** Writes each record to {@code topic} with the stream's serdes or the application's defaults. */
    void to(String topic);

    void to(String topic, Produced<K, V> produced);

    /** Writes each record to the topic {@code extractor} picks for it (the topics must exist). */
    void to(TopicNameExtractor<K, V> extractor);

    void to(TopicNameExtractor<K, V> extractor, Produced<K, V> produced);

    /**
     * The stream as a table: the latest value per key; null values delete. Its updates go through the record cache
     * (once per key per commit) unless {@link Materialized#withCachingDisabled()}.
     */
    KTable<K, V> toTable(Materialized<K, V> materialized);

    /**
     * As {@link #toTable(Materialized)} with a generated store name (needs {@code allowGeneratedNames}) and without
     * the record cache.
     */
    KTable<K, V> toTable();

    /** Groups by the current key (repartitioning first if the key changed; see {@link Grouped}). */
    KGroupedStream<K, V> groupByKey();

    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /** Groups by a new key, always through a repartition topic named by {@link Grouped#as}. */
    <KR> KGroupedStream<KR, V> groupBy(BiFunction<? super K, ? super V, KR> keySelector);

    <KR> KGroupedStream<KR, V> groupBy(BiFunction<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    /**
     * Joins each record with the table's current value for its key; records without a match (or with a null key
     * or value) are dropped. The result has the record's timestamp.
     */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, BiFunction<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, BiFunction<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** As {@link #join(KTable, BiFunction)}, but records without a match join with null. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, BiFunction<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, BiFunction<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /**
     * Joins each record with the global table's current value for the key {@code keySelector} maps the record to
     * (no co-partitioning or repartitioning needed: every instance holds the whole table). Records whose mapped key
     * has no match, and records with a null value or a null mapped key, are dropped; the record's own key may be
     * null. The result keeps the record's key and timestamp. Updates of the global table do not trigger results.
     */
    <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> globalTable,
                                     BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                     BiFunction<? super V, ? super GV, ? extends VR> joiner);

    <GK, GV, VR> KStream<K, VR> join(GlobalKTable<GK, GV> globalTable,
                                     BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                     BiFunction<? super V, ? super GV, ? extends VR> joiner, Named named);

    /**
     * As {@link #join(GlobalKTable, BiFunction, BiFunction)}, but records without a match, or whose mapped key is
     * null, join with null (as in Kafka Streams 3.7 on); only records with a null value are dropped.
     */
    <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                         BiFunction<? super V, ? super GV, ? extends VR> joiner);

    <GK, GV, VR> KStream<K, VR> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         BiFunction<? super K, ? super V, ? extends GK> keySelector,
                                         BiFunction<? super V, ? super GV, ? extends VR> joiner, Named named);

    /**
     * Joins records of both streams with equal keys whose timestamps are within {@code windows}; each pair emits
     * one result with the larger timestamp. Records with a null key or value are dropped. Both streams must be
     * co-partitioned (they are repartitioned first if their key changed).
     */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** As {@link #join(KStream, BiFunction, JoinWindows, StreamJoined)} with generated store names. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    /**
     * As {@link #join(KStream, BiFunction, JoinWindows, StreamJoined)}, but a record of this stream that joins no
     * record of {@code other} is also emitted, joined with null, with its own timestamp. That happens only once
     * no partner can come any more: when stream time (the largest timestamp either side has seen) passes the
     * record's window end plus grace; meanwhile it waits in a store the two sides share, as in Kafka Streams 3.1+,
     * so there are no early null results for records that join later. A record whose window already ended when it
     * arrives is joined with null at once, and so is a record with a null key; records with a null value are
     * dropped.
     */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** As {@link #leftJoin(KStream, BiFunction, JoinWindows, StreamJoined)} with generated store names. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows);

    /**
     * As {@link #leftJoin(KStream, BiFunction, JoinWindows, StreamJoined)}, for the records of both streams: a
     * record of either stream that joins none of the other is emitted joined with null ({@code joiner} gets null
     * for the missing side) once its window plus grace has passed.
     */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** As {@link #outerJoin(KStream, BiFunction, JoinWindows, StreamJoined)} with generated store names. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> other, BiFunction<? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows);

    /** Runs a Processor API processor on each record, with access to the named stores. */
    <KR, VR> KStream<KR, VR> process(ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
                                     String... stateStoreNames);

    <KR, VR> KStream<KR, VR> process(ProcessorSupplier<? super K, ? super V, KR, VR> supplier, Named named,
                                     String... stateStoreNames);
}
