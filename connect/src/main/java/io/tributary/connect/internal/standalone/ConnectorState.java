package io.tributary.connect.internal.standalone;

import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.TargetState;
import java.util.List;
import java.util.Map;

/**
 * What the standalone herder knows of one connector: its configuration and type, the state the user asked for,
 * and the task configurations it last generated (none while STOPPED). Immutable; replaced in the herder's map
 * on change.
 */
record ConnectorState(Map<String, String> config, ConnectorType type, TargetState target,
                      List<Map<String, String>> taskConfigs) {
    ConnectorState {
        config = Map.copyOf(config);
        taskConfigs = List.copyOf(taskConfigs);
    }

    ConnectorState target(TargetState state) {
        return new ConnectorState(config, type, state, taskConfigs);
    }

    ConnectorState taskConfigs(List<Map<String, String>> configs) {
        return new ConnectorState(config, type, target, configs);
    }

    int tasksMax() {
        try {
            return Math.max(1, Integer.parseInt(config.getOrDefault("tasks.max", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
