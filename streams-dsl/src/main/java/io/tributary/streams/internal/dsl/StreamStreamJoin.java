package io.tributary.streams.internal.dsl;

import io.tributary.streams.JoinWindows;
import io.tributary.streams.KeyValue;
import io.tributary.streams.internal.state.JoinBuffer;
import io.tributary.streams.internal.state.OuterJoinBuffer;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import java.util.Iterator;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/** The processors of a windowed stream-stream join, one pair per side. */
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
     * Joins a record of one side with the other side's records of the same key within {@code [t - before,
     * t + after]} (seen from this side), in timestamp order; each result has the larger timestamp of the pair.
     * Records with a null key or value are dropped.
     *
     * <p>For left and outer joins, both sides share a store of records without a partner yet ({@code outerStore}),
     * as Kafka Streams 3.1+ does, so that no record is joined with null while a partner may still come. This side
     * keeps its records there if it {@code keepsUnjoined} (the left side of a left join, both sides of an outer
     * join), and a partner arriving on either side removes them. Whenever a record moves stream time on, pending
     * records whose window plus grace has passed are emitted joined with null, with their own timestamp, in the
     * store's order. A record whose window already ended is joined with null at once, and so is a record with a
     * null key on a side that keeps unjoined records.
     */
    static final class Join<K, V, VO, VR> extends ContextualProcessor<K, V, K, VR> {
        private final String otherStoreName;
        private final @Nullable String outerStoreName;
        private final boolean leftSide;
        private final boolean keepsUnjoined;
        private final long beforeMs;
        private final long afterMs;
        private final long windowBeforeMs;
        private final long windowAfterMs;
        private final long graceMs;
        private final BiFunction<? super V, ? super VO, ? extends VR> joiner;
        private JoinBuffer<K, VO> other;
        private @Nullable OuterJoinBuffer<K, Object, Object> pending;

        /**
         * One side of a join: the left side ({@code leftSide}) sees the window as {@code windows} gives it, the
         * right side mirrored.
         */
        Join(String otherStoreName, @Nullable String outerStoreName, JoinWindows windows, boolean leftSide,
             boolean keepsUnjoined, BiFunction<? super V, ? super VO, ? extends VR> joiner) {
            this.otherStoreName = otherStoreName;
            this.outerStoreName = outerStoreName;
            this.leftSide = leftSide;
            this.keepsUnjoined = keepsUnjoined;
            this.beforeMs = leftSide ? windows.beforeMs() : windows.afterMs();
            this.afterMs = leftSide ? windows.afterMs() : windows.beforeMs();
            this.windowBeforeMs = windows.beforeMs();
            this.windowAfterMs = windows.afterMs();
            this.graceMs = windows.gracePeriodMs();
            this.joiner = joiner;
        }

        @Override
        public void init(ProcessorContext<K, VR> context) {
            super.init(context);
            other = context.getStateStore(otherStoreName);
            pending = outerStoreName == null ? null : context.getStateStore(outerStoreName);
        }

        @Override
        public void process(Record<K, V> record) {
            long t = record.timestamp();
            OuterJoinBuffer<K, Object, Object> unjoined = pending;
            if (unjoined != null) {
                unjoined.clock().observe(t);
            }
            if (keepsUnjoined && record.key() == null && record.value() != null) {
                context().forward(record.withValue(joiner.apply(record.value(), null)));
                return;
            }
            K key = record.key();
            V value = record.value();
            if (key == null || value == null) {
                Dropped.log(context(), "stream-stream join", "null key or value");
                return;
            }
            // Only a record at stream time can have closed windows; an out-of-order one cannot (Kafka's rule).
            if (unjoined != null && t == unjoined.clock().streamTime()) {
                emitClosed(unjoined, record);
            }
            long to = Math.max(0, t + afterMs);
            var matches = other.fetch(key, Math.max(0, t - beforeMs), to);
            for (KeyValue<Long, VO> match : matches) {
                if (unjoined != null) {
                    unjoined.remove(key, match.key(), !leftSide);
                }
                context().forward(record.withValue(joiner.apply(value, match.value()))
                    .withTimestamp(Math.max(t, match.key())));
            }
            if (keepsUnjoined && matches.isEmpty()) {
                // Kafka Streams joins a record whose window ended before stream time with null at once instead of
                // keeping it for the grace (a partner arriving later still joins it too); done alike, for equal
                // results.
                if (unjoined == null || to < unjoined.clock().streamTime()) {
                    context().forward(record.withValue(joiner.apply(value, null)));
                } else {
                    unjoined.clock().minTime(Math.min(unjoined.clock().minTime(), t));
                    unjoined.put(key, t, leftSide, value);
                }
            }
        }

        /** Emits, joined with null, the pending records whose window plus grace has passed, as Kafka Streams does. */
        private void emitClosed(OuterJoinBuffer<K, Object, Object> unjoined, Record<K, V> record) {
            // Kafka Streams' arithmetic, overflow included: with minTime unknown (Long.MAX_VALUE) the sum wraps
            // negative and the store is scanned, unless this side's after plus grace is 0.
            if (unjoined.clock().minTime() + afterMs + graceMs >= unjoined.clock().streamTime()) {
                return;
            }
            unjoined.clock().minTime(Long.MAX_VALUE);
            OuterJoinBuffer.Slot previous = null;
            boolean leftOpen = false;
            boolean rightOpen = false;
            for (Iterator<OuterJoinBuffer.Pending<K, Object, Object>> it = unjoined.pending(); it.hasNext(); ) {
                OuterJoinBuffer.Pending<K, Object, Object> p = it.next();
                unjoined.clock().minTime(p.timestamp());
                if (leftOpen && rightOpen) {
                    break;
                }
                boolean left = p.slot().leftSide();
                // A left record waits for right records up to "after" later; a right one for left records up to
                // "before" later (seen from the left).
                long lookBack = left ? windowAfterMs : windowBeforeMs;
                if (p.timestamp() + lookBack + graceMs >= unjoined.clock().streamTime()) {
                    leftOpen |= left;
                    rightOpen |= !left;
                    continue;
                }
                context().forward(record.withKey(p.key()).withValue(nullJoined(p)).withTimestamp(p.timestamp()));
                if (previous != null && !previous.equals(p.slot())) {
                    unjoined.remove(previous);
                }
                previous = p.slot();
            }
            if (previous != null) {
                unjoined.remove(previous);
            }
        }

        @SuppressWarnings("unchecked")
        private VR nullJoined(OuterJoinBuffer.Pending<K, Object, Object> p) {
            V thisValue = (V) (leftSide ? p.left() : p.right());
            VO otherValue = (VO) (leftSide ? p.right() : p.left());
            return joiner.apply(thisValue, otherValue);
        }
    }
}
