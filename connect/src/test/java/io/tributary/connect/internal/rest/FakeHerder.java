package io.tributary.connect.internal.rest;

import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.connect.internal.herder.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An in-memory herder for the REST tests: it keeps connectors in maps, answers with canned statuses, offsets,
 * plugins and validation results, and records every call, so a test can check both what the HTTP layer answered
 * and what it asked. Any call fails with {@link #failWith} once set. Thread-safe enough for one test at a time.
 */
final class FakeHerder implements Herder {
    static final String WORKER_ID = "127.0.0.1:8083";

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, ConnectorInfo> connectors = new ConcurrentSkipListMap<>();
    final Map<String, ConnectorStatus> statuses = new ConcurrentHashMap<>();
    final Map<String, TargetState> targetStates = new ConcurrentHashMap<>();
    final Map<String, ConnectorOffsets> offsets = new ConcurrentHashMap<>();
    final List<PluginInfo> plugins = new CopyOnWriteArrayList<>();
    final Map<String, List<ConfigInfos.KeyInfo>> pluginConfigs = new ConcurrentHashMap<>();
    volatile @Nullable ConfigInfos validation;
    volatile @Nullable RuntimeException failure;
    /** Runs inside every call, on the thread that subscribes: where a blocking herder would block. */
    volatile Runnable onCall = () -> { };
    /** When set, every call answers never, like a herder stuck in a rebalance. */
    volatile boolean hang;
    volatile @Nullable Map<String, String> lastConfig;
    volatile @Nullable TargetState lastInitialState;
    volatile @Nullable RestartRequest lastRestart;
    volatile @Nullable ConnectorOffsets lastAlteredOffsets;
    volatile @Nullable Map<String, String> lastValidated;

    /** Makes every later call fail with the given error. */
    void failWith(RuntimeException error) {
        failure = error;
    }

    /** Adds a running connector with the given number of running tasks. */
    ConnectorInfo addConnector(String name, ConnectorType type, int tasks) {
        List<ConnectorTaskId> ids = new ArrayList<>();
        List<ConnectorStatus.TaskState> states = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(new ConnectorTaskId(name, i));
            states.add(new ConnectorStatus.TaskState(i, ConnectorStatus.Value.RUNNING, WORKER_ID, null));
        }
        ConnectorInfo info = new ConnectorInfo(name, Map.of("name", name, "connector.class", "FileStreamSource"),
            ids, type);
        connectors.put(name, info);
        statuses.put(name, new ConnectorStatus(name,
            new ConnectorStatus.State(ConnectorStatus.Value.RUNNING, WORKER_ID, null), states, type));
        return info;
    }

    @Override
    public String workerId() {
        return WORKER_ID;
    }

    @Override
    public Mono<String> kafkaClusterId() {
        return call("kafkaClusterId", () -> "cluster-1");
    }

    @Override
    public Mono<List<String>> connectors() {
        return call("connectors", () -> List.copyOf(connectors.keySet()));
    }

    @Override
    public Mono<ConnectorInfo> connectorInfo(String name) {
        return call("connectorInfo " + name, () -> existing(name));
    }

    @Override
    public Mono<Map<String, String>> connectorConfig(String name) {
        return call("connectorConfig " + name, () -> existing(name).config());
    }

    @Override
    public Mono<Created<ConnectorInfo>> putConnectorConfig(String name, Map<String, String> config,
                                                           @Nullable TargetState initialState,
                                                           boolean allowReplace) {
        return call("putConnectorConfig " + name + " allowReplace=" + allowReplace, () -> {
            boolean exists = connectors.containsKey(name);
            if (exists && !allowReplace) {
                throw ConnectRestException.conflict("Connector " + name + " already exists");
            }
            lastConfig = config;
            lastInitialState = initialState;
            ConnectorInfo info = new ConnectorInfo(name, config, List.of(new ConnectorTaskId(name, 0)),
                ConnectorType.SOURCE);
            connectors.put(name, info);
            return new Created<>(!exists, info);
        });
    }

    @Override
    public Mono<Void> deleteConnector(String name) {
        return call("deleteConnector " + name, () -> connectors.remove(existing(name).name())).then();
    }

    @Override
    public Mono<ConnectorStatus> connectorStatus(String name) {
        return call("connectorStatus " + name, () -> status(name));
    }

    @Override
    public Mono<ConnectorStatus.TaskState> taskStatus(ConnectorTaskId id) {
        return call("taskStatus " + id, () -> status(id.connector()).tasks().stream()
            .filter(task -> task.id() == id.task())
            .findFirst()
            .orElseThrow(() -> ConnectRestException.notFound("Task " + id + " not found")));
    }

    @Override
    public Mono<List<TaskInfo>> taskConfigs(String name) {
        return call("taskConfigs " + name, () -> existing(name).tasks().stream()
            .map(id -> new TaskInfo(id, Map.of("task.class", "FileStreamSourceTask", "file", "/tmp/in-" + id.task())))
            .toList());
    }

    @Override
    public Mono<ConnectorStatus> restart(RestartRequest request) {
        return call("restart " + request.connector(), () -> {
            lastRestart = request;
            ConnectorStatus status = status(request.connector());
            List<ConnectorStatus.TaskState> tasks = request.includeTasks()
                ? status.tasks().stream()
                    .map(t -> new ConnectorStatus.TaskState(t.id(), ConnectorStatus.Value.RESTARTING, t.workerId(),
                        null))
                    .toList()
                : status.tasks();
            return new ConnectorStatus(status.name(), new ConnectorStatus.State(ConnectorStatus.Value.RESTARTING,
                WORKER_ID, null), tasks, status.type());
        });
    }

    @Override
    public Mono<Void> restartTask(ConnectorTaskId id) {
        return taskStatus(id).doOnNext(task -> calls.add("restartTask " + id)).then();
    }

    @Override
    public Mono<Void> targetState(String name, TargetState state) {
        return call("targetState " + name + " " + state, () -> targetStates.put(existing(name).name(), state))
            .then();
    }

    @Override
    public Mono<ConfigInfos> validateConnectorConfig(Map<String, String> config) {
        return call("validateConnectorConfig", () -> {
            lastValidated = config;
            ConfigInfos canned = validation;
            if (canned == null) {
                throw new IllegalStateException("no validation result set");
            }
            return canned;
        });
    }

    @Override
    public List<PluginInfo> plugins(boolean connectorsOnly) {
        calls.add("plugins connectorsOnly=" + connectorsOnly);
        return plugins.stream()
            .filter(p -> !connectorsOnly || p.type().equals("source") || p.type().equals("sink"))
            .toList();
    }

    @Override
    public Mono<List<ConfigInfos.KeyInfo>> pluginConfig(String plugin) {
        return call("pluginConfig " + plugin, () -> {
            List<ConfigInfos.KeyInfo> keys = pluginConfigs.get(plugin);
            if (keys == null) {
                throw ConnectRestException.notFound("Unknown plugin " + plugin + ".");
            }
            return keys;
        });
    }

    @Override
    public Mono<ConnectorOffsets> offsets(String name) {
        return call("offsets " + name, () -> {
            existing(name);
            return offsets.getOrDefault(name, new ConnectorOffsets(List.of()));
        });
    }

    @Override
    public Mono<String> alterOffsets(String name, ConnectorOffsets altered) {
        return call("alterOffsets " + name, () -> {
            existing(name);
            lastAlteredOffsets = altered;
            return "The offsets for this connector have been altered successfully";
        });
    }

    @Override
    public Mono<String> resetOffsets(String name) {
        return call("resetOffsets " + name, () -> {
            existing(name);
            offsets.remove(name);
            return "The offsets for this connector have been reset successfully";
        });
    }

    private ConnectorInfo existing(String name) {
        ConnectorInfo info = connectors.get(name);
        if (info == null) {
            throw ConnectRestException.notFound("Connector " + name + " not found");
        }
        return info;
    }

    private ConnectorStatus status(String name) {
        existing(name);
        ConnectorStatus status = statuses.get(name);
        if (status == null) {
            throw ConnectRestException.notFound("No status found for connector " + name);
        }
        return status;
    }

    /** Lazily records the call and answers, or fails with the configured error. */
    private <T> Mono<T> call(String description, Supplier<T> answer) {
        if (hang) {
            return Mono.<T>never().doOnSubscribe(s -> calls.add(description));
        }
        return Mono.fromSupplier(() -> {
            calls.add(description);
            onCall.run();
            RuntimeException error = failure;
            if (error != null) {
                throw error;
            }
            return answer.get();
        });
    }
}
