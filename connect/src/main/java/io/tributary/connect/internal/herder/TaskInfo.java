package io.tributary.connect.internal.herder;

import java.util.Map;

/** A task and the configuration its connector gave it: an element of {@code GET /connectors/{name}/tasks}. */
public record TaskInfo(ConnectorTaskId id, Map<String, String> config) {
    public TaskInfo {
        config = Map.copyOf(config);
    }
}
