package io.tributary.streams.internal.dsl;

import io.tributary.streams.internal.state.TimestampedKeyValueStore;
import io.tributary.streams.internal.state.ValueAndTimestamp;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The DSL's table operators. Table records carry a {@link Change} as value. */
final class TableProcessors {
    private TableProcessors() {
    }

    /**
     * Turns a stream of values into table updates (new and old value) and keeps them in a store (table sources,
     * {@code toTable}): records with a null key are dropped; a null value deletes. With {@code caching}, updates go
     * through the record cache (see {@link UpdateForwarder}).
     */
    static final class Source<K, V> extends StoreProcessor<K, V, K, Change<V>, TimestampedKeyValueStore<K, V>> {
        private final boolean caching;
        private UpdateForwarder<K, V> updates;

        Source(String storeName, boolean caching) {
            super(storeName);
            this.caching = caching;
        }

        @Override
        public void init(ProcessorContext<K, Change<V>> context) {
            super.init(context);
            updates = UpdateForwarder.of(context, storeName(), caching);
        }

        @Override
        public void process(Record<K, V> record) {
            K key = record.key();
            if (key == null) {
                Dropped.log(context(), "table " + storeName(), "null key");
                return;
            }
            put(updates, store(), key, record.value(), record);
        }
    }

    /**
     * Stores what passes by (a materialized filter, mapValues or join) and passes it on with the old value; with
     * {@code caching}, through the record cache.
     */
    static final class Materialize<K, V>
        extends StoreProcessor<K, Change<V>, K, Change<V>, TimestampedKeyValueStore<K, V>> {
        private final boolean caching;
        private UpdateForwarder<K, V> updates;

        Materialize(String storeName, boolean caching) {
            super(storeName);
            this.caching = caching;
        }

        @Override
        public void init(ProcessorContext<K, Change<V>> context) {
            super.init(context);
            updates = UpdateForwarder.of(context, storeName(), caching);
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            put(updates, store(), record.key(), record.value().newValue(), record);
        }
    }

    /** Writes {@code value} (null: deletes) as {@code key}'s row and sends the change, old value from the store. */
    private static <K, V> void put(UpdateForwarder<K, V> updates, TimestampedKeyValueStore<K, V> store, K key,
                                   @Nullable V value, Record<K, ?> record) {
        V old = store.get(key);
        updates.write(key, old != null, () -> store.put(key, value, record.timestamp()),
            new Record<>(key, new Change<>(value, old), record.timestamp(), record.headers()));
    }

    /** filter / filterNot: rows that do not match become deletions downstream. */
    static final class Filter<K, V> extends ContextualProcessor<K, Change<V>, K, Change<V>> {
        private final BiPredicate<? super K, ? super V> predicate;
        private final boolean keep;

        Filter(BiPredicate<? super K, ? super V> predicate, boolean keep) {
            this.predicate = predicate;
            this.keep = keep;
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            V value = record.value().newValue();
            V kept = value != null && predicate.test(record.key(), value) == keep ? value : null;
            context().forward(record.withValue(Change.of(kept)));
        }
    }

    /** mapValues: deletions stay deletions. */
    static final class MapValues<K, V, VR> extends ContextualProcessor<K, Change<V>, K, Change<VR>> {
        private final Function<? super V, ? extends VR> mapper;

        MapValues(Function<? super V, ? extends VR> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            V value = record.value().newValue();
            context().forward(record.withValue(Change.of(value == null ? null : mapper.apply(value))));
        }
    }

    /** toStream: each update's new value. */
    static final class ToStream<K, V> extends ContextualProcessor<K, Change<V>, K, V> {
        @Override
        public void process(Record<K, Change<V>> record) {
            context().forward(record.withValue(record.value().newValue()));
        }
    }

    /**
     * One side of a table-table join: an update on this side looks up the other side's store. {@code thisOuter}
     * keeps this side's rows without a match (joined with null); {@code otherOuter} keeps the other side's rows
     * when this side's row is deleted. The joiner takes (this value, other value). The result has the larger
     * timestamp of the two rows.
     */
    static final class JoinSide<K, V, VO, VR>
        extends StoreProcessor<K, Change<V>, K, Change<VR>, TimestampedKeyValueStore<K, VO>> {
        private final BiFunction<? super V, ? super VO, ? extends VR> joiner;
        private final boolean thisOuter;
        private final boolean otherOuter;

        JoinSide(String otherStore, BiFunction<? super V, ? super VO, ? extends VR> joiner, boolean thisOuter,
                 boolean otherOuter) {
            super(otherStore);
            this.joiner = joiner;
            this.thisOuter = thisOuter;
            this.otherOuter = otherOuter;
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            if (record.key() == null) {
                Dropped.log(context(), "table join", "null key");
                return;
            }
            ValueAndTimestamp<VO> match = store().getWithTimestamp(record.key());
            V value = record.value().newValue();
            // Without a match, only an outer side emits: the joined row, or the deletion of a row that existed.
            if (match == null && (!thisOuter || (value == null && record.value().oldValue() == null))) {
                return;
            }
            @Nullable VO otherValue = match == null ? null : match.value();
            VR result;
            if (value != null) {
                result = joiner.apply(value, otherValue);
            } else {
                result = otherOuter && otherValue != null ? joiner.apply(null, otherValue) : null;
            }
            long timestamp = match == null ? record.timestamp() : Math.max(record.timestamp(), match.timestamp());
            context().forward(record.withValue(Change.of(result)).withTimestamp(timestamp));
        }
    }
}
