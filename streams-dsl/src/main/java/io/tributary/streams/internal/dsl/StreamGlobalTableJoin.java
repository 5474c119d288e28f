package io.tributary.streams.internal.dsl;

import io.tributary.streams.processor.Record;
import io.tributary.streams.state.KeyValueStore;
import java.util.function.BiFunction;

/**
 * Joins each stream record with the global table's current value for the key {@code keySelector} maps it to; the
 * result keeps the record's key and timestamp. As in Kafka Streams (3.7 on, KIP-962): records with a null value are
 * dropped; the record's own key may be null (only the mapped key is looked up); records whose mapped key is null or
 * has no match are dropped by the inner join and joined with null by the left join.
 */
final class StreamGlobalTableJoin<K, V, GK, GV, VR>
    extends StoreProcessor<K, V, K, VR, KeyValueStore<GK, GV>> {
    private final BiFunction<? super K, ? super V, ? extends GK> keySelector;
    private final BiFunction<? super V, ? super GV, ? extends VR> joiner;
    private final boolean left;

    StreamGlobalTableJoin(String globalStore, BiFunction<? super K, ? super V, ? extends GK> keySelector,
                          BiFunction<? super V, ? super GV, ? extends VR> joiner, boolean left) {
        super(globalStore);
        this.keySelector = keySelector;
        this.joiner = joiner;
        this.left = left;
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.value() == null) {
            Dropped.log(context(), "stream-globaltable join", "null value");
            return;
        }
        GK mapped = keySelector.apply(record.key(), record.value());
        if (mapped == null && !left) {
            Dropped.log(context(), "stream-globaltable join", "null mapped key");
            return;
        }
        GV match = mapped == null ? null : store().get(mapped);
        if (match != null || left) {
            context().forward(record.withValue(joiner.apply(record.value(), match)));
        }
    }
}
