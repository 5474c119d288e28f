package io.tributary.connect.internal.rest;

import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.herder.TaskInfo;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.runtime.isolation.PluginType;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigValueInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.ConnectorTaskId;

/**
 * The same values as Kafka Connect's own REST entities ({@code org.apache.kafka.connect.runtime.rest.entities},
 * connect-runtime), field by field, so tests can compare our JSON with the JSON Kafka Connect writes for them.
 */
final class KafkaEntities {
    /**
     * The version Kafka Connect 4.x leaves out of statuses and plugin listings; our herder reports no versions, which
     * is what Kafka Connect writes for plugins of unknown version.
     */
    static final String UNDEFINED_VERSION = "undefined";

    private KafkaEntities() {
    }

    static org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo info(ConnectorInfo info) {
        return new org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo(info.name(), info.config(),
            info.tasks().stream().map(id -> new ConnectorTaskId(id.connector(), id.task())).toList(),
            type(info.type()));
    }

    static ConnectorStateInfo status(ConnectorStatus status) {
        ConnectorStatus.State connector = status.connector();
        return new ConnectorStateInfo(status.name(),
            new ConnectorStateInfo.ConnectorState(connector.state().name(), connector.workerId(), connector.trace(),
                UNDEFINED_VERSION),
            status.tasks().stream().map(KafkaEntities::taskState).toList(),
            type(status.type()));
    }

    static ConnectorStateInfo.TaskState taskState(ConnectorStatus.TaskState task) {
        return new ConnectorStateInfo.TaskState(task.id(), task.state().name(), task.workerId(), task.trace(),
            UNDEFINED_VERSION);
    }

    static org.apache.kafka.connect.runtime.rest.entities.TaskInfo taskInfo(TaskInfo task) {
        return new org.apache.kafka.connect.runtime.rest.entities.TaskInfo(
            new ConnectorTaskId(task.id().connector(), task.id().task()), task.config());
    }

    static org.apache.kafka.connect.runtime.rest.entities.ConfigInfos configInfos(ConfigInfos infos) {
        List<ConfigInfo> configs = infos.configs().stream()
            .map(c -> new ConfigInfo(keyInfo(c.definition()), valueInfo(c.value())))
            .toList();
        return new org.apache.kafka.connect.runtime.rest.entities.ConfigInfos(infos.name(), infos.errorCount(),
            infos.groups(), configs);
    }

    static ConfigKeyInfo keyInfo(ConfigInfos.KeyInfo key) {
        return new ConfigKeyInfo(key.name(), key.type(), key.required(), key.defaultValue(), key.importance(),
            key.documentation(), key.group(), key.orderInGroup(), key.width(), key.displayName(), key.dependents());
    }

    static ConfigValueInfo valueInfo(ConfigInfos.ValueInfo value) {
        return new ConfigValueInfo(value.name(), value.value(), value.recommendedValues(), value.errors(),
            value.visible());
    }

    static org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets offsets(ConnectorOffsets offsets) {
        return new org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets(offsets.offsets().stream()
            .map(o -> new ConnectorOffset(o.partition(), o.offset()))
            .toList());
    }

    static org.apache.kafka.connect.runtime.rest.entities.PluginInfo plugin(PluginInfo plugin) {
        return new org.apache.kafka.connect.runtime.rest.entities.PluginInfo(plugin.className(),
            PluginType.valueOf(plugin.type().toUpperCase(Locale.ROOT)), plugin.version());
    }

    static org.apache.kafka.connect.runtime.rest.entities.ErrorMessage error(int status, String message) {
        return new org.apache.kafka.connect.runtime.rest.entities.ErrorMessage(status, message);
    }

    static org.apache.kafka.connect.runtime.rest.entities.ConnectorType type(ConnectorType type) {
        return org.apache.kafka.connect.runtime.rest.entities.ConnectorType.valueOf(type.name());
    }
}
