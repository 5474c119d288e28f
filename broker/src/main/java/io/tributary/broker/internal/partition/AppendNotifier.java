package io.tributary.broker.internal.partition;

import io.tributary.common.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Wakes long-polling fetches when records are appended to a partition they wait on. A waiter registers before the
 * fetch reads, so an append between the read and the wait is never missed. Thread-safe.
 */
public final class AppendNotifier {
    private final Map<TopicPartition, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    /** Registers interest in the next append to any of {@code partitions}. */
    public Waiter register(Collection<TopicPartition> partitions) {
        Waiter w = new Waiter(List.copyOf(partitions));
        for (TopicPartition tp : w.partitions) {
            waiting.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(w);
        }
        return w;
    }

    /** Signals an append to {@code partition}. */
    public void appended(TopicPartition partition) {
        Set<Waiter> set = waiting.get(partition);
        if (set == null || set.isEmpty()) {
            return;
        }
        for (Waiter w : set) {
            w.wake();
        }
    }

    /** One registration; completes once, on the first append to one of its partitions. */
    public final class Waiter {
        private final List<TopicPartition> partitions;
        private final Sinks.Empty<Void> signal = Sinks.empty();

        private Waiter(List<TopicPartition> partitions) {
            this.partitions = partitions;
        }

        /** Completes on the next append (or at once if one happened since registration). */
        public Mono<Void> next() {
            return signal.asMono();
        }

        private void wake() {
            signal.tryEmitEmpty();
            cancel();
        }

        /** Stops waiting; safe to call more than once. */
        public void cancel() {
            for (TopicPartition tp : partitions) {
                Set<Waiter> set = waiting.get(tp);
                if (set != null) {
                    set.remove(this);
                }
            }
        }
    }
}
