package io.tributary.connect.runtime;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /connectors/{name}/status}: the connector's state and each task's.
 *
 * @param connector the connector's own state
 * @param tasks     its tasks' states, by task id
 */
public record ConnectorStatus(String name, State connector, List<TaskState> tasks, ConnectorType type) {
    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** A runtime state as the REST API reports it. */
    public enum Value {
        UNASSIGNED, RUNNING, PAUSED, FAILED, RESTARTING, STOPPED
    }

    /**
     * @param workerId where it runs ({@code host:port} of the worker's REST listener)
     * @param trace    the stack trace of the failure, for FAILED only
     */
    public record State(Value state, String workerId, @Nullable String trace) {
    }

    public record TaskState(int id, Value state, String workerId, @Nullable String trace) {
    }
}
