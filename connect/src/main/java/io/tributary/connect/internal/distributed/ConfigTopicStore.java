package io.tributary.connect.internal.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.consumer.ReceivedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connector configurations, task configurations, target states and restart requests in the config topic
 * ({@code config.storage.topic}, one partition so every worker sees changes in one order). Keys as Kafka Connect's:
 * {@code connector-<name>}, {@code target-state-<name>}, {@code task-<name>-<n>}, {@code commit-<name>} (task
 * configurations take effect together, when their commit record arrives), {@code restart-connector-<name>}; and
 * {@code restart-task-<name>-<n>}. Values are JSON. Every worker follows the topic into a {@link Snapshot}; the
 * listener hears of each applied change, on the consumer's thread. Thread-safe.
 */
final class ConfigTopicStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigTopicStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicLog log;
    private final Consumer<Change> listener;
    /** Task configurations written but not yet committed, per connector. Guarded by {@code this}. */
    private final Map<String, Map<Integer, Map<String, String>>> pendingTasks = new HashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** What the store holds at {@code offset} (the next offset of the config topic to apply). */
    record Snapshot(long offset, Map<String, Map<String, String>> connectors, Map<String, TargetState> targetStates,
                    Map<String, List<Map<String, String>>> tasks) {
        static final Snapshot EMPTY = new Snapshot(0, Map.of(), Map.of(), Map.of());

        /** The target state of a configured connector (STARTED unless set). */
        TargetState targetState(String connector) {
            return targetStates.getOrDefault(connector, TargetState.STARTED);
        }

        /** Per configured connector its number of committed task configurations. */
        Map<String, Integer> taskCounts() {
            Map<String, Integer> out = new TreeMap<>();
            connectors.keySet().forEach(c -> out.put(c, tasks.getOrDefault(c, List.of()).size()));
            return out;
        }
    }

    /** One change applied from the topic. */
    sealed interface Change {
        record ConnectorConfigured(String connector, boolean created) implements Change {
        }

        record ConnectorRemoved(String connector) implements Change {
        }

        record TargetStateChanged(String connector, TargetState state) implements Change {
        }

        record TasksCommitted(String connector, int count) implements Change {
        }

        record RestartRequested(RestartRequest request) implements Change {
        }

        record TaskRestartRequested(ConnectorTaskId task) implements Change {
        }
    }

    ConfigTopicStore(ClientOptions client, TributaryAdmin admin, String topic, short replicationFactor,
                     Consumer<Change> listener) {
        this.log = new TopicLog(client, admin, NewTopic.of(topic, 1, replicationFactor), this::apply);
        this.listener = listener;
    }

    Mono<Void> start() {
        return log.start();
    }

    Mono<Void> readToEnd() {
        return log.readToEnd();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Mono<Void> putConnectorConfig(String connector, Map<String, String> config, @Nullable TargetState initial) {
        ObjectNode value = JSON.createObjectNode();
        value.set("properties", JSON.valueToTree(config));
        Mono<Void> state = initial == null ? Mono.empty() : putTargetState(connector, initial);
        return state.then(log.send("connector-" + connector, bytes(value)));
    }

    Mono<Void> putTargetState(String connector, TargetState state) {
        ObjectNode value = JSON.createObjectNode().put("state", state.name());
        return log.send("target-state-" + connector, bytes(value));
    }

    /** Removes a connector: its configuration, target state and task configurations. */
    Mono<Void> removeConnector(String connector) {
        return Flux.concat(log.send("connector-" + connector, null), log.send("target-state-" + connector, null),
                log.send("commit-" + connector, null))
            .then();
    }

    /** Writes task configurations, then the commit record that makes them take effect together. */
    Mono<Void> putTaskConfigs(String connector, List<Map<String, String>> configs) {
        List<Mono<Void>> writes = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            ObjectNode value = JSON.createObjectNode();
            value.set("properties", JSON.valueToTree(configs.get(i)));
            writes.add(log.send("task-" + connector + "-" + i, bytes(value)));
        }
        writes.add(log.send("commit-" + connector, bytes(JSON.createObjectNode().put("tasks", configs.size()))));
        return Flux.concat(writes).then();
    }

    Mono<Void> requestRestart(RestartRequest request) {
        ObjectNode value = JSON.createObjectNode()
            .put("include-tasks", request.includeTasks())
            .put("only-failed", request.onlyFailed());
        return log.send("restart-connector-" + request.connector(), bytes(value));
    }

    Mono<Void> requestTaskRestart(ConnectorTaskId task) {
        return log.send("restart-task-" + task.connector() + "-" + task.task(), bytes(JSON.createObjectNode()));
    }

    Mono<Void> stop() {
        return log.close();
    }

    private void apply(ReceivedRecord<String, byte[]> record) {
        Change change;
        try {
            change = applyLocked(record.key(), record.value() == null ? null : JSON.readTree(record.value()),
                record.offset() + 1);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping record {} of {} that could not be applied: {}", record.key(), log.topic(),
                e.toString());
            return;
        }
        if (change != null) {
            listener.accept(change);
        }
    }

    private synchronized @Nullable Change applyLocked(String key, @Nullable JsonNode value, long nextOffset) {
        Snapshot s = snapshot;
        Map<String, Map<String, String>> connectors = new TreeMap<>(s.connectors());
        Map<String, TargetState> states = new TreeMap<>(s.targetStates());
        Map<String, List<Map<String, String>>> tasks = new TreeMap<>(s.tasks());
        Change change = null;
        if (key.startsWith("connector-")) {
            String connector = key.substring("connector-".length());
            if (value == null) {
                change = connectors.remove(connector) == null ? null : new Change.ConnectorRemoved(connector);
                tasks.remove(connector);
                states.remove(connector);
                pendingTasks.remove(connector);
            } else {
                boolean created = !connectors.containsKey(connector);
                connectors.put(connector, properties(value));
                change = new Change.ConnectorConfigured(connector, created);
            }
        } else if (key.startsWith("target-state-")) {
            String connector = key.substring("target-state-".length());
            if (value == null) {
                states.remove(connector);
            } else {
                TargetState state = TargetState.valueOf(value.path("state").asText());
                states.put(connector, state);
                change = new Change.TargetStateChanged(connector, state);
            }
        } else if (key.startsWith("task-")) {
            ConnectorTaskId id = taskId(key.substring("task-".length()));
            if (value != null) {
                pendingTasks.computeIfAbsent(id.connector(), c -> new HashMap<>()).put(id.task(), properties(value));
            }
        } else if (key.startsWith("commit-")) {
            String connector = key.substring("commit-".length());
            if (value == null) {
                tasks.remove(connector);
            } else {
                int count = value.path("tasks").asInt();
                Map<Integer, Map<String, String>> pending = pendingTasks.getOrDefault(connector, Map.of());
                List<Map<String, String>> committed = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Map<String, String> config = pending.get(i);
                    if (config == null) {
                        throw new IllegalStateException("commit of " + connector + " names " + count
                            + " tasks but task " + i + " was not written");
                    }
                    committed.add(config);
                }
                pendingTasks.remove(connector);
                tasks.put(connector, List.copyOf(committed));
                change = new Change.TasksCommitted(connector, count);
            }
        } else if (key.startsWith("restart-connector-") && value != null) {
            change = new Change.RestartRequested(new RestartRequest(key.substring("restart-connector-".length()),
                value.path("only-failed").asBoolean(), value.path("include-tasks").asBoolean()));
        } else if (key.startsWith("restart-task-") && value != null) {
            change = new Change.TaskRestartRequested(taskId(key.substring("restart-task-".length())));
        }
        snapshot = new Snapshot(nextOffset, Map.copyOf(connectors), Map.copyOf(states), Map.copyOf(tasks));
        return change;
    }

    /** {@code <connector>-<n>}; connector names may contain dashes, so the number is after the last one. */
    private static ConnectorTaskId taskId(String suffix) {
        int dash = suffix.lastIndexOf('-');
        return new ConnectorTaskId(suffix.substring(0, dash), Integer.parseInt(suffix.substring(dash + 1)));
    }

    private static Map<String, String> properties(JsonNode value) {
        Map<String, String> out = new TreeMap<>();
        value.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
