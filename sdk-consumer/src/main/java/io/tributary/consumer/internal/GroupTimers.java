package io.tributary.consumer.internal;

import io.tributary.client.ClientOptions;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The scheduler of the group protocols' timers (heartbeats, back-offs, metadata checks): a daemon thread of its
 * own. Records are emitted on {@code Schedulers.parallel()} by default, and a subscriber busy there (or blocking
 * there, however wrongly) would otherwise hold back every timer that landed on its worker, a heartbeat past the
 * session time-out among them. Only short, non-blocking tasks run on it.
 */
final class GroupTimers {
    static final Scheduler SCHEDULER = Schedulers.newSingle("tributary-group-timers", true);

    private GroupTimers() {
    }

    /**
     * The wait before retrying a group step after {@code failures} failures in a row (at least one):
     * {@code retry.backoff.ms}, doubled per further failure, at most {@code retry.backoff.max.ms}.
     */
    static Mono<Long> backoff(ClientOptions options, int failures) {
        long base = options.retryBackoff().toMillis();
        long delay = Math.min(options.retryBackoffMax().toMillis(), base << Math.min(failures - 1, 20));
        return Mono.delay(Duration.ofMillis(delay), SCHEDULER);
    }
}
