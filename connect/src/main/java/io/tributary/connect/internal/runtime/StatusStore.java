package io.tributary.connect.internal.runtime;

import io.tributary.connect.internal.errors.DeadLetterQueueReporter;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime states of connectors and tasks, as {@code GET /connectors/{name}/status} reports them: written by the
 * worker as instances start, pause, fail and stop, read by the herder. A failure keeps its stack trace. Thread-safe.
 */
public final class StatusStore {
    private static final Logger LOG = LoggerFactory.getLogger(StatusStore.class);

    private final Supplier<String> workerId;
    private final Listener listener;
    private final Map<String, ConnectorStatus.State> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, ConnectorStatus.TaskState> tasks = new ConcurrentHashMap<>();

    /** Hears every change, e.g. to publish statuses to other workers; must not block. */
    public interface Listener {
        /** The connector's state changed; null when it was removed. */
        void connector(String name, ConnectorStatus.@Nullable State state);

        /** The task's state changed; null when it was removed. */
        void task(ConnectorTaskId id, ConnectorStatus.@Nullable TaskState state);
    }

    /** @param workerId this worker's id as statuses name it, asked at each change (it is known once REST runs) */
    public StatusStore(Supplier<String> workerId) {
        this(workerId, new Listener() {
            @Override
            public void connector(String name, ConnectorStatus.@Nullable State state) {
            }

            @Override
            public void task(ConnectorTaskId id, ConnectorStatus.@Nullable TaskState state) {
            }
        });
    }

    /** @param listener told of every change, after it is recorded */
    public StatusStore(Supplier<String> workerId, Listener listener) {
        this.workerId = workerId;
        this.listener = listener;
    }

    /** Records a connector's state; {@code error} only for FAILED. */
    public void put(String connector, ConnectorStatus.Value state, @Nullable Throwable error) {
        if (state == ConnectorStatus.Value.FAILED) {
            LOG.error("Connector {} failed", connector, error);
        } else {
            LOG.info("Connector {} is {}", connector, state);
        }
        ConnectorStatus.State s = new ConnectorStatus.State(state, workerId.get(), trace(error));
        connectors.put(connector, s);
        listener.connector(connector, s);
    }

    /** Records a task's state; {@code error} only for FAILED. */
    public void put(ConnectorTaskId task, ConnectorStatus.Value state, @Nullable Throwable error) {
        if (state == ConnectorStatus.Value.FAILED) {
            LOG.error("Task {} failed", task, error);
        } else {
            LOG.info("Task {} is {}", task, state);
        }
        ConnectorStatus.TaskState s = new ConnectorStatus.TaskState(task.task(), state, workerId.get(), trace(error));
        tasks.put(task, s);
        listener.task(task, s);
    }

    /** Records {@code state} only if the task's current state is {@code expected}; true if it did. */
    public boolean replace(ConnectorTaskId task, ConnectorStatus.Value expected, ConnectorStatus.Value state) {
        ConnectorStatus.TaskState current = tasks.get(task);
        if (current == null || current.state() != expected) {
            return false;
        }
        ConnectorStatus.TaskState next = new ConnectorStatus.TaskState(task.task(), state, workerId.get(), null);
        if (!tasks.replace(task, current, next)) {
            return false;
        }
        listener.task(task, next);
        return true;
    }

    public ConnectorStatus.@Nullable State connector(String connector) {
        return connectors.get(connector);
    }

    public ConnectorStatus.@Nullable TaskState task(ConnectorTaskId task) {
        return tasks.get(task);
    }

    /** The states of the connector's tasks, by task number. */
    public List<ConnectorStatus.TaskState> tasks(String connector) {
        return tasks.entrySet().stream()
            .filter(e -> e.getKey().connector().equals(connector))
            .map(Map.Entry::getValue)
            .sorted(java.util.Comparator.comparingInt(ConnectorStatus.TaskState::id))
            .toList();
    }

    public void remove(String connector) {
        if (connectors.remove(connector) != null) {
            listener.connector(connector, null);
        }
    }

    public void remove(ConnectorTaskId task) {
        if (tasks.remove(task) != null) {
            listener.task(task, null);
        }
    }

    private static @Nullable String trace(@Nullable Throwable error) {
        return error == null ? null : DeadLetterQueueReporter.stackTrace(error);
    }
}
