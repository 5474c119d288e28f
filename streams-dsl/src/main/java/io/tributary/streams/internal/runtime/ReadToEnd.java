package io.tributary.streams.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.TributaryConsumer;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells when a consumer has read partitions up to given end offsets, by asking for its positions rather than
 * watching record offsets: a partition may end in a transaction marker or aborted records, which are never emitted,
 * so the last record seen can stay below {@code end - 1} forever.
 */
final class ReadToEnd {
    private static final Duration POLL = Duration.ofMillis(50);

    private ReadToEnd() {
    }

    /**
     * Completes once {@code consumer}'s running subscription has emitted everything before {@code ends} (partition to
     * end offset, exclusive) on every partition; positions asked for before the subscription runs count as not there.
     */
    static Mono<Void> reached(TributaryConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return Flux.interval(POLL, POLL)
            .concatMap(tick -> Flux.fromIterable(ends.entrySet())
                .concatMap(e -> consumer.position(e.getKey())
                    .map(position -> position >= e.getValue())
                    .defaultIfEmpty(false)
                    .onErrorReturn(IllegalStateException.class, false))
                .all(done -> done))
            .filter(done -> done)
            .next()
            .then();
    }
}
