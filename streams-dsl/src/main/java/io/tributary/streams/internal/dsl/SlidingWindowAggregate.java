package io.tributary.streams.internal.dsl;

import io.tributary.streams.Aggregator;
import io.tributary.streams.KeyValue;
import io.tributary.streams.SlidingWindows;
import io.tributary.streams.Window;
import io.tributary.streams.Windowed;
import io.tributary.streams.internal.state.TimestampedWindowStore;
import io.tributary.streams.internal.state.ValueAndTimestamp;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.Record;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates per sliding window, creating exactly the windows Kafka Streams creates, in the same order. A record at
 * {@code t} (time difference {@code d}) updates the existing windows of its key that contain it; creates its left
 * window {@code [t - d, t]} from the aggregate of the window before it (or from scratch); creates the right window
 * {@code [p + 1, p + 1 + d]} of the record {@code p} before it, if {@code t} falls in it; and creates its own right
 * window {@code [t + 1, t + 1 + d]} from the window after it, if a later record falls in it. Records before
 * {@code d} go to {@code [0, d]} instead of a left window. The store keeps each window's largest record timestamp,
 * which forwarded updates carry; windows ending before stream time minus grace are not updated any more. Records
 * with a null key or value are dropped. With the record cache, each window goes out once per flush, with its latest
 * aggregate and timestamp.
 */
final class SlidingWindowAggregate<K, V, VA>
    extends StoreProcessor<K, V, Windowed<K>, Change<VA>, TimestampedWindowStore<K, VA>> {
    private final long differenceMs;
    private final long graceMs;
    private final Supplier<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private final boolean caching;
    private long observedStreamTime = -1;
    private UpdateForwarder<Windowed<K>, VA> updates;

    SlidingWindowAggregate(String storeName, boolean caching, SlidingWindows windows, Supplier<VA> initializer,
                           Aggregator<? super K, ? super V, VA> aggregator) {
        super(storeName);
        this.caching = caching;
        this.differenceMs = windows.timeDifferenceMs();
        this.graceMs = windows.gracePeriodMs();
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
        super.init(context);
        updates = UpdateForwarder.of(context, storeName(), caching);
    }

    /** The windows found around a record: what they tell about its neighbours. */
    private final class Found {
        final Set<Long> starts = new HashSet<>();
        @Nullable ValueAndTimestamp<VA> leftAggregate;
        @Nullable ValueAndTimestamp<VA> rightAggregate;
        boolean leftWindowExists;
        boolean rightWindowExists;
        @Nullable Long previousTimestamp;
    }

    @Override
    public void process(Record<K, V> record) {
        if (record.key() == null || record.value() == null) {
            Dropped.log(context(), "sliding window aggregation " + storeName(), "null key or value");
            return;
        }
        long t = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, t);
        long closeTime = observedStreamTime - graceMs;
        if (t + differenceMs < closeTime) {
            Dropped.log(context(), "sliding window aggregation " + storeName(), "late: window [" + t + ", "
                + (t + differenceMs) + "] closed at stream time " + observedStreamTime);
            return;
        }
        if (t < differenceMs) {
            processEarly(record, closeTime);
        } else {
            processLatestFirst(record, closeTime);
        }
    }

    /** Walks the windows that may matter from the latest start back, as Kafka Streams does with a reverse fetch. */
    private void processLatestFirst(Record<K, V> record, long closeTime) {
        long t = record.timestamp();
        Found found = new Found();
        List<KeyValue<Long, ValueAndTimestamp<VA>>> windows = store().fetchWithTimestamps(record.key(),
            Math.max(0, t - 2 * differenceMs), t + 1);
        for (int i = windows.size() - 1; i >= 0; i--) {
            long start = windows.get(i).key();
            ValueAndTimestamp<VA> window = windows.get(i).value();
            found.starts.add(start);
            long end = start + differenceMs;
            if (start == t + 1) {
                found.rightWindowExists = true;
            } else if (end > t) {
                if (found.rightAggregate == null) {
                    found.rightAggregate = window;
                }
                update(start, window, true, record, closeTime);
            } else if (end == t) {
                found.leftWindowExists = true;
                update(start, window, true, record, closeTime);
                if (window.timestamp() >= t) {
                    return;   // the records around t have their windows already
                }
                found.previousTimestamp = window.timestamp();
            } else {
                found.leftAggregate = window;
                found.previousTimestamp = window.timestamp();
                break;
            }
        }
        createWindows(record, closeTime, found);
    }

    /** A record before the time difference: it belongs to {@code [0, d]}, where all such records are combined. */
    private void processEarly(Record<K, V> record, long closeTime) {
        long t = record.timestamp();
        Found found = new Found();
        ValueAndTimestamp<VA> combined = null;
        for (KeyValue<Long, ValueAndTimestamp<VA>> w : store().fetchWithTimestamps(record.key(), 0, t + 1)) {
            long start = w.key();
            found.starts.add(start);
            if (start == 0) {
                combined = w.value();
                if (w.value().timestamp() < t) {
                    found.previousTimestamp = w.value().timestamp();
                }
            } else if (start <= t) {
                found.rightAggregate = w.value();
                update(start, w.value(), true, record, closeTime);
            } else if (start == t + 1) {
                found.rightWindowExists = true;
            }
        }
        // Without a right window, [0, d] holds only records after t if its largest timestamp is after t.
        if (found.rightAggregate == null && combined != null && combined.timestamp() > t) {
            found.rightAggregate = combined;
        }
        if (!found.rightWindowExists && rightWindowNotEmpty(found.rightAggregate, t)) {
            createOwnRightWindow(record, found.rightAggregate);
        }
        Long previous = found.previousTimestamp;
        if (previous != null && !found.starts.contains(previous + 1)) {
            update(previous + 1, initial(t), false, record, closeTime);
        }
        update(0, combined != null ? combined : initial(t), combined != null, record, closeTime);
    }

    private void createWindows(Record<K, V> record, long closeTime, Found found) {
        long t = record.timestamp();
        Long previous = found.previousTimestamp;
        if (previous != null && !found.starts.contains(previous + 1) && previous + 1 + differenceMs >= t) {
            update(previous + 1, initial(t), false, record, closeTime);
        }
        if (!found.leftWindowExists) {
            ValueAndTimestamp<VA> left = found.leftAggregate;
            boolean previousInLeftWindow = previous != null && t - differenceMs <= previous && left != null;
            update(t - differenceMs, previousInLeftWindow ? new ValueAndTimestamp<>(left.value(), t) : initial(t),
                false, record, closeTime);
        }
        if (!found.rightWindowExists && rightWindowNotEmpty(found.rightAggregate, t)) {
            createOwnRightWindow(record, found.rightAggregate);
        }
    }

    private static boolean rightWindowNotEmpty(@Nullable ValueAndTimestamp<?> aggregate, long t) {
        return aggregate != null && aggregate.timestamp() > t;
    }

    /** The record's right window holds exactly the records of the window after it that are later than the record. */
    private void createOwnRightWindow(Record<K, V> record, ValueAndTimestamp<VA> aggregate) {
        long start = record.timestamp() + 1;
        write(record, start, false, aggregate.value(), aggregate.timestamp());
    }

    /** A new window's starting point; null when the initializer gives null (as reduce's does). */
    private @Nullable ValueAndTimestamp<VA> initial(long timestamp) {
        VA value = initializer.get();
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /**
     * Folds the record into the window starting at {@code start} unless the window has closed; {@code window} is
     * its aggregate so far ({@code stored}: read from the store, not a new window's starting point).
     */
    private void update(long start, @Nullable ValueAndTimestamp<VA> window, boolean stored, Record<K, V> record,
                        long closeTime) {
        long end = start + differenceMs;
        if (end < closeTime) {
            Dropped.log(context(), "sliding window aggregation " + storeName(), "late: window [" + start + ", "
                + end + "] closed at stream time " + observedStreamTime);
            return;
        }
        VA old = window == null ? null : window.value();
        VA next = aggregator.apply(record.key(), record.value(), old);
        long timestamp = window == null ? record.timestamp() : Math.max(record.timestamp(), window.timestamp());
        write(record, start, stored, next, timestamp);
    }

    /** Stores and sends a window's aggregate, with the window's largest record timestamp. */
    private void write(Record<K, V> record, long start, boolean stored, @Nullable VA aggregate, long timestamp) {
        Windowed<K> window = new Windowed<>(record.key(), new Window(start, start + differenceMs));
        updates.write(window, stored, () -> store().put(record.key(), aggregate, start, timestamp),
            new Record<>(window, Change.of(aggregate), timestamp, record.headers()));
    }
}
