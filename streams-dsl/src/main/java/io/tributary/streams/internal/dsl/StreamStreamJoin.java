package io.tributary.streams.internal.dsl;

import io.tributary.streams.KeyValue;
import io.tributary.streams.internal.state.JoinBuffer;
import io.tributary.streams.processor.Record;
import java.util.function.BiFunction;

/** The processors of a windowed stream-stream inner join, one pair per side. */
final class StreamStreamJoin {
    private StreamStreamJoin() {
    }

    /**
     * Passes a side's record on to its join processor, then keeps it for the other side's later records (a null
     * value only moves the buffer's time on).
     */
    static final class Remember<K, V> extends StoreProcessor<K, V, K, V, JoinBuffer<K, V>> {
        Remember(String storeName) {
            super(storeName);
        }

        @Override
        public void process(Record<K, V> record) {
            context().forward(record);
            if (record.key() != null) {
                store().put(record.key(), record.value(), record.timestamp());
            }
        }
    }

    /**
     * Joins a record with the other side's records of the same key within {@code [t - before, t + after]}, in
     * timestamp order; each result has the larger timestamp of the pair. Records with a null key or value are
     * dropped.
     */
    static final class Join<K, V, VO, VR> extends StoreProcessor<K, V, K, VR, JoinBuffer<K, VO>> {
        private final long beforeMs;
        private final long afterMs;
        private final BiFunction<? super V, ? super VO, ? extends VR> joiner;

        Join(String otherStore, long beforeMs, long afterMs, BiFunction<? super V, ? super VO, ? extends VR> joiner) {
            super(otherStore);
            this.beforeMs = beforeMs;
            this.afterMs = afterMs;
            this.joiner = joiner;
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null || record.value() == null) {
                Dropped.log(context(), "stream-stream join", "null key or value");
                return;
            }
            long t = record.timestamp();
            for (KeyValue<Long, VO> match : store().fetch(record.key(), Math.max(0, t - beforeMs),
                Math.max(0, t + afterMs))) {
                context().forward(record.withValue(joiner.apply(record.value(), match.value()))
                    .withTimestamp(Math.max(t, match.key())));
            }
        }
    }
}
