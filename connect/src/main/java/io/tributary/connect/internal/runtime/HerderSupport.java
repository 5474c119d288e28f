package io.tributary.connect.internal.runtime;

import io.tributary.admin.TributaryAdmin;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.herder.TaskInfo;
import io.tributary.connect.internal.isolation.PluginNotFoundException;
import io.tributary.connect.sink.SinkConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What standalone and distributed herders answer alike: validation of connector configurations, plugin listings,
 * connector types, and reading, altering and resetting offsets (source offsets in the worker's offset store, sink
 * offsets in the connector's consumer group). Stateless apart from its collaborators; thread-safe.
 */
public final class HerderSupport {
    private static final String ALTERED = "The offsets for this connector have been altered successfully";
    private static final String RESET = "The offsets for this connector have been reset successfully";

    private final Worker worker;
    private final TributaryAdmin admin;

    public HerderSupport(Worker worker, TributaryAdmin admin) {
        this.worker = worker;
        this.admin = admin;
    }

    /** Whether the configuration's {@code connector.class} is a sink or a source; UNKNOWN if it is not installed. */
    public ConnectorType type(Map<String, String> config) {
        try {
            return SinkConnector.class.isAssignableFrom(worker.plugins()
                .connectorClass(config.getOrDefault(ConnectorConfig.CONNECTOR_CLASS, ""))) ? ConnectorType.SINK
                : ConnectorType.SOURCE;
        } catch (PluginNotFoundException e) {
            return ConnectorType.UNKNOWN;
        }
    }

    /** The configuration with {@code name} set; fails with 400 if it names another connector than the URL. */
    public Map<String, String> named(String name, Map<String, String> config) {
        String named = config.get(ConnectorConfig.NAME);
        if (named != null && !named.equals(name)) {
            throw ConnectRestException.badRequest("Connector name configuration (" + named
                + ") doesn't match connector name in the URL (" + name + ")");
        }
        Map<String, String> full = new HashMap<>(config);
        full.put(ConnectorConfig.NAME, name);
        return full;
    }

    /** Validates key by key; plugin code that may block runs on {@code boundedElastic}. */
    public Mono<ConfigInfos> validate(Map<String, String> config) {
        return Mono.fromCallable(() -> ConfigValidation.validate(worker.plugins(), config, worker.exactlyOnceSource()))
            .subscribeOn(Schedulers.boundedElastic());
    }

    /** Fails with 400 and every error if the configuration is invalid. */
    public Mono<Void> validated(Map<String, String> config) {
        return validate(config).flatMap(infos -> {
            if (infos.errorCount() == 0) {
                return Mono.empty();
            }
            List<String> errors = ConfigValidation.errors(infos);
            return Mono.error(ConnectRestException.badRequest("Connector configuration is invalid and contains the "
                + "following " + errors.size() + " error(s):\n" + String.join("\n", errors) + "\nYou can also find "
                + "the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"));
        });
    }

    public List<PluginInfo> plugins(boolean connectorsOnly) {
        return worker.plugins().pluginInfos(connectorsOnly);
    }

    /** A plugin's configuration keys; 404 if no plugin has that name. */
    public Mono<List<ConfigInfos.KeyInfo>> pluginConfig(String plugin) {
        return Mono.fromCallable(() -> {
            ConfigDef def = PluginConfigs.definition(worker.plugins(), plugin);
            return def.configKeys().values().stream().map(ConfigValidation::keyInfo).toList();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The committed offsets of a connector with this configuration. */
    public Mono<ConnectorOffsets> offsets(String name, Map<String, String> config) {
        if (type(config) == ConnectorType.SINK) {
            return SinkConnectorOffsets.read(admin, sinkGroup(config));
        }
        return Mono.fromSupplier(() -> {
            List<ConnectorOffsets.Offset> out = new ArrayList<>();
            worker.offsets().offsets(name).forEach((p, o) -> out.add(new ConnectorOffsets.Offset(p, o)));
            return new ConnectorOffsets(out);
        });
    }

    /** Alters the offsets of a stopped connector (the caller checked it is); emits the REST message. */
    public Mono<String> alterOffsets(String name, Map<String, String> config, ConnectorOffsets offsets) {
        if (type(config) == ConnectorType.SINK) {
            return SinkConnectorOffsets.alter(admin, sinkGroup(config), offsets).thenReturn(ALTERED);
        }
        Map<Map<String, Object>, @Nullable Map<String, Object>> changes = new LinkedHashMap<>();
        for (ConnectorOffsets.Offset o : offsets.offsets()) {
            if (o.partition().isEmpty()) {
                return Mono.error(ConnectRestException.badRequest("Source partitions must not be empty"));
            }
            changes.put(o.partition(), o.offset());
        }
        return worker.offsets().write(name, changes).thenReturn(ALTERED);
    }

    /** Removes every offset of a stopped connector (the caller checked it is); emits the REST message. */
    public Mono<String> resetOffsets(String name, Map<String, String> config) {
        Mono<Void> reset = type(config) == ConnectorType.SINK ? SinkConnectorOffsets.reset(admin, sinkGroup(config))
            : worker.offsets().remove(name);
        return reset.thenReturn(RESET);
    }

    /**
     * A connector's status from the states known of it and its {@code taskCount} tasks; what has no state yet is
     * UNASSIGNED on {@code workerId}.
     */
    public static ConnectorStatus status(String name, int taskCount, ConnectorType type, String workerId,
                                         Function<String, ConnectorStatus.@Nullable State> connectorStates,
                                         Function<ConnectorTaskId, ConnectorStatus.@Nullable TaskState> taskStates) {
        ConnectorStatus.State own = connectorStates.apply(name);
        if (own == null) {
            own = new ConnectorStatus.State(ConnectorStatus.Value.UNASSIGNED, workerId, null);
        }
        List<ConnectorStatus.TaskState> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            ConnectorStatus.TaskState t = taskStates.apply(new ConnectorTaskId(name, i));
            tasks.add(t != null ? t : new ConnectorStatus.TaskState(i, ConnectorStatus.Value.UNASSIGNED, workerId,
                null));
        }
        return new ConnectorStatus(name, own, tasks, type);
    }

    /** The REST view of a connector's task configurations. */
    public static List<TaskInfo> taskInfos(String name, List<Map<String, String>> configs) {
        List<TaskInfo> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            out.add(new TaskInfo(new ConnectorTaskId(name, i), configs.get(i)));
        }
        return out;
    }

    /** The consumer group of a sink connector. */
    public static String sinkGroup(Map<String, String> config) {
        return config.getOrDefault("consumer.override.group.id",
            SinkConsumers.groupId(String.valueOf(config.get(ConnectorConfig.NAME))));
    }

    /** The 400 answer to an offsets change of a connector that is not STOPPED. */
    public static ConnectRestException notStopped(String name) {
        return ConnectRestException.badRequest("Connectors must be in the STOPPED state before their offsets can be "
            + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
            + "'/connectors/" + name + "/stop' endpoint");
    }
}
