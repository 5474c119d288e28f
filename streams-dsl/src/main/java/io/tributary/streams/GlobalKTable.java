package io.tributary.streams;

/**
 * A table of ALL partitions of a topic, fully replicated on every application instance (made by
 * {@link StreamsBuilder#globalTable}). Its store is loaded from the topic, beginning to end, before the application
 * processes any record, and keeps following the topic afterwards. Streams join it by a key mapped from each record
 * ({@link KStream#join(GlobalKTable, java.util.function.BiFunction, java.util.function.BiFunction)}), so the stream
 * and the topic need not be co-partitioned. Updates do not flow downstream: a global table can only be joined and
 * queried.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1
 */
public interface GlobalKTable<K, V> {
    /** The name of the table's store, for {@link TributaryStreams#store(String)}. */
    String queryableStoreName();
}
