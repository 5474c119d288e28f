package io.tributary.connect.internal.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.consumer.ReceivedRecord;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The states of every connector and task of the cluster, in the status topic ({@code status.storage.topic}): each
 * worker writes the states of what it runs, every worker follows the topic, so any worker answers a status
 * request. Keys {@code status-connector-<name>} and {@code status-task-<name>-<n>}; values
 * {@code {"state", "trace", "worker_id"}}; tombstones when a connector is deleted. A worker's own writes are seen
 * at once. Thread-safe.
 */
final class StatusTopicStore {
    private static final Logger LOG = LoggerFactory.getLogger(StatusTopicStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopicLog log;
    private final Map<String, ConnectorStatus.State> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, ConnectorStatus.TaskState> tasks = new ConcurrentHashMap<>();

    StatusTopicStore(ClientOptions client, TributaryAdmin admin, NewTopic topic) {
        this.log = new TopicLog(client, admin, topic, this::apply);
    }

    Mono<Void> start() {
        return log.start();
    }

    Mono<Void> readToEnd() {
        return log.readToEnd();
    }

    ConnectorStatus.@Nullable State connector(String name) {
        return connectors.get(name);
    }

    ConnectorStatus.@Nullable TaskState task(ConnectorTaskId id) {
        return tasks.get(id);
    }

    /** Publishes a connector's state (null: forget it). */
    Mono<Void> put(String connector, ConnectorStatus.@Nullable State state) {
        if (state == null) {
            connectors.remove(connector);
        } else {
            connectors.put(connector, state);
        }
        return log.send("status-connector-" + connector, state == null ? null
            : bytes(state.state(), state.workerId(), state.trace()));
    }

    /** Publishes a task's state (null: forget it). */
    Mono<Void> put(ConnectorTaskId id, ConnectorStatus.@Nullable TaskState state) {
        if (state == null) {
            tasks.remove(id);
        } else {
            tasks.put(id, state);
        }
        return log.send("status-task-" + id.connector() + "-" + id.task(), state == null ? null
            : bytes(state.state(), state.workerId(), state.trace()));
    }

    Mono<Void> stop() {
        return log.close();
    }

    private void apply(ReceivedRecord<String, byte[]> record) {
        String key = record.key();
        try {
            JsonNode value = record.value() == null ? null : JSON.readTree(record.value());
            if (key.startsWith("status-connector-")) {
                String name = key.substring("status-connector-".length());
                if (value == null) {
                    connectors.remove(name);
                } else {
                    connectors.put(name, new ConnectorStatus.State(state(value), value.path("worker_id").asText(),
                        trace(value)));
                }
            } else if (key.startsWith("status-task-")) {
                String suffix = key.substring("status-task-".length());
                int dash = suffix.lastIndexOf('-');
                ConnectorTaskId id = new ConnectorTaskId(suffix.substring(0, dash),
                    Integer.parseInt(suffix.substring(dash + 1)));
                if (value == null) {
                    tasks.remove(id);
                } else {
                    tasks.put(id, new ConnectorStatus.TaskState(id.task(), state(value),
                        value.path("worker_id").asText(), trace(value)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping status record {} of {}: {}", key, log.topic(), e.toString());
        }
    }

    private static ConnectorStatus.Value state(JsonNode value) {
        return ConnectorStatus.Value.valueOf(value.path("state").asText());
    }

    private static @Nullable String trace(JsonNode value) {
        JsonNode trace = value.get("trace");
        return trace == null || trace.isNull() ? null : trace.asText();
    }

    private static byte[] bytes(ConnectorStatus.Value state, String workerId, @Nullable String trace) {
        ObjectNode node = JSON.createObjectNode().put("state", state.name()).put("worker_id", workerId);
        if (trace != null) {
            node.put("trace", trace);
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
