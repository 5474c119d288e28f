package io.tributary.connect.internal.distributed;

import io.tributary.admin.TributaryAdmin;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.runtime.ExactlyOnceSource;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Fences the transactional producers of source tasks that a new set of task configurations removes, before the
 * configurations are written. A task that keeps its index is fenced by its own successor, whose producer takes the
 * same transactional id; a removed task has no successor, so without this a zombie instance of it (on a worker cut
 * off from the group) could still commit. Does nothing unless exactly-once source support is enabled. Stateless.
 */
final class ZombieFencing {
    private final TributaryAdmin admin;
    private final ExactlyOnceSource exactlyOnce;

    ZombieFencing(TributaryAdmin admin, ExactlyOnceSource exactlyOnce) {
        this.admin = admin;
        this.exactlyOnce = exactlyOnce;
    }

    /** Fences tasks {@code newCount} to {@code oldCount - 1} of a source connector; completes once fenced. */
    Mono<Void> removedTasks(String connector, int oldCount, int newCount) {
        if (!exactlyOnce.enabled() || newCount >= oldCount) {
            return Mono.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int task = newCount; task < oldCount; task++) {
            ids.add(exactlyOnce.transactionalId(new ConnectorTaskId(connector, task)));
        }
        return admin.fenceProducers(ids);
    }
}
