package io.tributary.streams.internal.dsl;

import io.tributary.streams.KeyValue;
import io.tributary.streams.internal.state.JoinBuffer;
import io.tributary.streams.processor.ProcessorContext;
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
    static final class Remember<K, V> extends ContextualProcessor<K, V, K, V> {
        private final String storeName;
        private JoinBuffer<K, V> buffer;

        Remember(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<K, V> context) {
            super.init(context);
            buffer = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<K, V> record) {
            context().forward(record);
            if (record.key() != null) {
                buffer.put(record.key(), record.value(), record.timestamp());
            }
        }
    }

    /**
     * Joins a record with the other side's records of the same key within {@code [t - before, t + after]}, in
     * timestamp order; each result has the larger timestamp of the pair. Records with a null key or value are
     * dropped.
     */
    static final class Join<K, V, VO, VR> extends ContextualProcessor<K, V, K, VR> {
        private final String otherStore;
        private final long beforeMs;
        private final long afterMs;
        private final BiFunction<? super V, ? super VO, ? extends VR> joiner;
        private JoinBuffer<K, VO> other;

        Join(String otherStore, long beforeMs, long afterMs, BiFunction<? super V, ? super VO, ? extends VR> joiner) {
            this.otherStore = otherStore;
            this.beforeMs = beforeMs;
            this.afterMs = afterMs;
            this.joiner = joiner;
        }

        @Override
        public void init(ProcessorContext<K, VR> context) {
            super.init(context);
            other = context.getStateStore(otherStore);
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null || record.value() == null) {
                Dropped.log(context(), "stream-stream join", "null key or value");
                return;
            }
            long t = record.timestamp();
            for (KeyValue<Long, VO> match : other.fetch(record.key(), Math.max(0, t - beforeMs),
                Math.max(0, t + afterMs))) {
                context().forward(record.withValue(joiner.apply(record.value(), match.value()))
                    .withTimestamp(Math.max(t, match.key())));
            }
        }
    }
}
