package io.tributary.connect.internal.herder;

import io.tributary.connect.runtime.ConnectorStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Manages the connectors of a Connect cluster: their configurations, target states, tasks, statuses and offsets.
 * The REST API calls it and nothing else. The standalone herder keeps everything in this process (offsets in a
 * file); the distributed one shares configurations, offsets and statuses through Kafka topics and a group.
 *
 * <p>Every method is lazy and fails with {@link ConnectRestException} for requests it refuses (unknown connector
 * → 404, invalid configuration → 400, existing connector → 409). None blocks the calling thread.
 */
public interface Herder {
    /** This worker's id, {@code host:port} of its REST listener, as statuses report it. */
    String workerId();

    /** The Kafka cluster id of the broker the worker uses, for {@code GET /}. */
    Mono<String> kafkaClusterId();

    /** The names of all connectors, sorted. */
    Mono<List<String>> connectors();

    Mono<ConnectorInfo> connectorInfo(String name);

    Mono<Map<String, String>> connectorConfig(String name);

    /**
     * Creates or replaces a connector after validating its configuration (400 with every error if invalid).
     *
     * @param initialState the state a new connector starts in; null for STARTED
     * @param allowReplace false for {@code POST /connectors} (409 if it exists), true for PUT
     */
    Mono<Created<ConnectorInfo>> putConnectorConfig(String name, Map<String, String> config,
                                                    @Nullable TargetState initialState, boolean allowReplace);

    /**
     * Merges a patch into a connector's configuration ({@code PATCH /connectors/{name}/config}): a key with a value
     * sets it, a key with null removes it; the result is validated and applied as by {@link #putConnectorConfig}
     * with {@code allowReplace}. 404 if the connector does not exist.
     *
     * <p>The default reads the configuration and writes the merged one; it is not atomic with a concurrent update,
     * so a herder that serialises its updates should override it and merge inside that order.
     */
    default Mono<Created<ConnectorInfo>> patchConnectorConfig(String name, Map<String, @Nullable String> patch) {
        return connectorConfig(name)
            .flatMap(current -> {
                Map<String, String> patched = new LinkedHashMap<>(current);
                patch.forEach((key, value) -> {
                    if (value == null) {
                        patched.remove(key);
                    } else {
                        patched.put(key, value);
                    }
                });
                return putConnectorConfig(name, patched, null, true);
            });
    }

    /** Stops and removes a connector, its tasks and statuses (its committed offsets stay). */
    Mono<Void> deleteConnector(String name);

    Mono<ConnectorStatus> connectorStatus(String name);

    Mono<ConnectorStatus.TaskState> taskStatus(ConnectorTaskId id);

    Mono<List<TaskInfo>> taskConfigs(String name);

    /**
     * Restarts a connector and, as asked, its (failed) tasks. Emits the status as of the restart (instances being
     * restarted show RESTARTING).
     */
    Mono<ConnectorStatus> restart(RestartRequest request);

    Mono<Void> restartTask(ConnectorTaskId id);

    /** Sets the target state; PAUSED keeps tasks but moves no data, STOPPED shuts the tasks down. */
    Mono<Void> targetState(String name, TargetState state);

    /** Validates a connector configuration (its {@code connector.class} names the plugin) key by key. */
    Mono<ConfigInfos> validateConnectorConfig(Map<String, String> config);

    /** Installed plugins; only connectors if {@code connectorsOnly}. */
    List<PluginInfo> plugins(boolean connectorsOnly);

    /** The configuration keys of a plugin, by class name or alias; 404 if unknown. */
    Mono<List<ConfigInfos.KeyInfo>> pluginConfig(String plugin);

    Mono<ConnectorOffsets> offsets(String name);

    /**
     * Alters (entries with an offset) or removes (entries with null) committed offsets of a STOPPED connector;
     * 400 if it is not stopped. Emits the message the REST API answers.
     */
    Mono<String> alterOffsets(String name, ConnectorOffsets offsets);

    /** Removes every committed offset of a STOPPED connector; 400 if it is not stopped. */
    Mono<String> resetOffsets(String name);

    /** A result that says whether it created something (201) or changed what existed (200). */
    record Created<T>(boolean created, T result) {
    }
}
