package io.tributary.streams.internal.dsl;

import io.tributary.streams.internal.state.TimestampedKeyValueStore;
import io.tributary.streams.processor.Record;
import java.util.function.BiFunction;

/**
 * Joins each stream record with the table's current value for its key; the result keeps the record's timestamp.
 * Records with a null value are dropped; a null key is dropped by the inner join and joined with null by the left
 * join; records without a match are dropped by the inner join and joined with null by the left join.
 */
final class StreamTableJoin<K, V, VT, VR> extends StoreProcessor<K, V, K, VR, TimestampedKeyValueStore<K, VT>> {
    private final BiFunction<? super V, ? super VT, ? extends VR> joiner;
    private final boolean left;

    StreamTableJoin(String tableStore, BiFunction<? super V, ? super VT, ? extends VR> joiner, boolean left) {
        super(tableStore);
        this.joiner = joiner;
        this.left = left;
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.value() == null || (record.key() == null && !left)) {
            Dropped.log(context(), "stream-table join", "null key or value");
            return;
        }
        VT match = record.key() == null ? null : store().get(record.key());
        if (match != null || left) {
            context().forward(record.withValue(joiner.apply(record.value(), match)));
        }
    }
}
