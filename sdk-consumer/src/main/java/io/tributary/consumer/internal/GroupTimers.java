package io.tributary.consumer.internal;

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
}
