package io.tributary.connect.internal.distributed;

import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one worker runs: connectors and tasks, kept sorted so assignments are deterministic.
 *
 * @param connectors connector names
 * @param tasks      task ids
 */
record WorkerLoad(Set<String> connectors, Set<ConnectorTaskId> tasks) {
    static final WorkerLoad EMPTY = new WorkerLoad(Set.of(), Set.of());

    WorkerLoad {
        connectors = java.util.Collections.unmodifiableSet(new TreeSet<>(connectors));
        tasks = java.util.Collections.unmodifiableSet(new TreeSet<>(tasks));
    }

    static WorkerLoad of(List<String> connectors, List<ConnectorTaskId> tasks) {
        return new WorkerLoad(Set.copyOf(connectors), Set.copyOf(tasks));
    }

    int size() {
        return connectors.size() + tasks.size();
    }
}
