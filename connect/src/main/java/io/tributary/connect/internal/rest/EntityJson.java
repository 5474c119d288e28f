package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.herder.TaskInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes the herder's records as the JSON Kafka Connect's REST entities produce: field names ({@code worker_id},
 * {@code error_count}, {@code default_value}...), lower-case connector types, a {@code trace} only when there is one,
 * nulls kept where Kafka Connect keeps them. Stateless and thread-safe.
 */
final class EntityJson {
    /** The version Kafka Connect leaves out of plugin listings when a plugin does not know its own. */
    private static final String UNDEFINED_VERSION = "undefined";

    private EntityJson() {
    }

    /** {@code GET /}: {@code {"version", "commit", "kafka_cluster_id"}}. */
    static ObjectNode serverInfo(String version, String commit, String kafkaClusterId) {
        return RestJson.object()
            .put("version", version)
            .put("commit", commit)
            .put("kafka_cluster_id", kafkaClusterId);
    }

    /** {@code {"error_code": status, "message": ...}}. */
    static ObjectNode error(int status, @Nullable String message) {
        return RestJson.object()
            .put("error_code", status)
            .put("message", message);
    }

    /** {@code {"message": ...}}, the answer to altering or resetting offsets. */
    static ObjectNode message(String message) {
        return RestJson.object().put("message", message);
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = RestJson.mapper().createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode node = RestJson.object();
        map.forEach(node::put);
        return node;
    }

    static ObjectNode connectorInfo(ConnectorInfo info) {
        ObjectNode node = RestJson.object().put("name", info.name());
        node.set("config", stringMap(info.config()));
        node.set("tasks", array(info.tasks(), EntityJson::taskId));
        return node.put("type", info.type().restName());
    }

    static ObjectNode taskId(ConnectorTaskId id) {
        return RestJson.object()
            .put("connector", id.connector())
            .put("task", id.task());
    }

    static ObjectNode taskInfo(TaskInfo info) {
        ObjectNode node = RestJson.object();
        node.set("id", taskId(info.id()));
        node.set("config", stringMap(info.config()));
        return node;
    }

    static ObjectNode connectorStatus(ConnectorStatus status) {
        ObjectNode node = RestJson.object().put("name", status.name());
        node.set("connector", state(RestJson.object(), status.connector().state(), status.connector().workerId(),
            status.connector().trace()));
        node.set("tasks", array(status.tasks(), EntityJson::taskState));
        return node.put("type", status.type().restName());
    }

    static ObjectNode taskState(ConnectorStatus.TaskState task) {
        return state(RestJson.object().put("id", task.id()), task.state(), task.workerId(), task.trace());
    }

    static ObjectNode configInfos(ConfigInfos infos) {
        ObjectNode node = RestJson.object()
            .put("name", infos.name())
            .put("error_count", infos.errorCount());
        node.set("groups", strings(infos.groups()));
        node.set("configs", array(infos.configs(), EntityJson::configInfo));
        return node;
    }

    static ObjectNode configInfo(ConfigInfos.ConfigInfo info) {
        ObjectNode node = RestJson.object();
        node.set("definition", keyInfo(info.definition()));
        node.set("value", valueInfo(info.value()));
        return node;
    }

    static ObjectNode keyInfo(ConfigInfos.KeyInfo key) {
        ObjectNode node = RestJson.object()
            .put("name", key.name())
            .put("type", key.type())
            .put("required", key.required())
            .put("default_value", key.defaultValue())
            .put("importance", key.importance())
            .put("documentation", key.documentation())
            .put("group", key.group())
            .put("order_in_group", key.orderInGroup())
            .put("width", key.width())
            .put("display_name", key.displayName());
        node.set("dependents", strings(key.dependents()));
        return node;
    }

    static ObjectNode valueInfo(ConfigInfos.ValueInfo value) {
        ObjectNode node = RestJson.object()
            .put("name", value.name())
            .put("value", value.value());
        node.set("recommended_values", strings(value.recommendedValues()));
        node.set("errors", strings(value.errors()));
        return node.put("visible", value.visible());
    }

    static ObjectNode offsets(ConnectorOffsets offsets) {
        ObjectNode node = RestJson.object();
        node.set("offsets", array(offsets.offsets(), EntityJson::offset));
        return node;
    }

    static ObjectNode offset(ConnectorOffsets.Offset offset) {
        ObjectNode node = RestJson.object();
        node.set("partition", RestJson.mapper().valueToTree(offset.partition()));
        node.set("offset", RestJson.mapper().valueToTree(offset.offset()));
        return node;
    }

    static ObjectNode plugin(PluginInfo plugin) {
        ObjectNode node = RestJson.object()
            .put("class", plugin.className())
            .put("type", plugin.type());
        if (!UNDEFINED_VERSION.equals(plugin.version())) {
            node.put("version", plugin.version());
        }
        return node;
    }

    static <T> ArrayNode array(List<T> values, Function<T, ? extends JsonNode> toJson) {
        ArrayNode array = RestJson.mapper().createArrayNode();
        values.forEach(value -> array.add(toJson.apply(value)));
        return array;
    }

    private static ObjectNode state(ObjectNode node, ConnectorStatus.Value state, String workerId,
                                    @Nullable String trace) {
        node.put("state", state.name()).put("worker_id", workerId);
        // Kafka Connect includes the trace only when it is non-empty (JsonInclude.NON_EMPTY).
        if (trace != null && !trace.isEmpty()) {
            node.put("trace", trace);
        }
        return node;
    }
}
