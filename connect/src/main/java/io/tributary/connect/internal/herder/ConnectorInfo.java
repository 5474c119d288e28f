package io.tributary.connect.internal.herder;

import io.tributary.connect.runtime.ConnectorType;
import java.util.List;
import java.util.Map;

/** A connector's name, configuration, task ids and type: the body of {@code GET /connectors/{name}}. */
public record ConnectorInfo(String name, Map<String, String> config, List<ConnectorTaskId> tasks,
                            ConnectorType type) {
    public ConnectorInfo {
        config = Map.copyOf(config);
        tasks = List.copyOf(tasks);
    }
}
