package io.tributary.connect.internal.runtime;

import io.tributary.connect.Connector;
import io.tributary.connect.Task;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.storage.OffsetStore;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.source.SourceTask;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs connectors and tasks in this process, as its herder asks: starts and stops them, moves them between target
 * states, and reports their states in the {@link StatusStore}. It decides nothing itself (which tasks exist, with
 * which configuration, is the herder's business). A connector or task that fails is FAILED; the worker goes on.
 * Thread-safe; every method is lazy and never blocks the caller.
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final Plugins plugins;
    private final OffsetStore offsets;
    private final StatusStore statuses;
    private final TaskResources resources;
    private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, WorkerTask> tasks = new ConcurrentHashMap<>();

    public Worker(WorkerConfig config, Plugins plugins, OffsetStore offsets, StatusStore statuses) {
        this(config, plugins, offsets, statuses, ExactlyOnceSource.DISABLED);
    }

    /**
     * @param exactlyOnce whether source tasks write records and offsets in transactions (then {@code offsets} must
     *                    be {@link io.tributary.connect.internal.storage.TransactionalOffsets})
     */
    public Worker(WorkerConfig config, Plugins plugins, OffsetStore offsets, StatusStore statuses,
                  ExactlyOnceSource exactlyOnce) {
        this.config = config;
        this.plugins = plugins;
        this.offsets = offsets;
        this.statuses = statuses;
        this.resources = new TaskResources(config, plugins, offsets, statuses, exactlyOnce);
    }

    /** Whether source tasks run exactly once here. */
    public boolean exactlyOnceSource() {
        return resources.exactlyOnce().enabled();
    }

    public WorkerConfig config() {
        return config;
    }

    public Plugins plugins() {
        return plugins;
    }

    public OffsetStore offsets() {
        return offsets;
    }

    public StatusStore statuses() {
        return statuses;
    }

    /**
     * Creates and starts a connector in {@code target} state; completes once it runs or is FAILED (a connector
     * class that cannot be created fails it too).
     *
     * @param reconfigure called with the name when the connector asks for new task configurations
     */
    public Mono<Void> startConnector(String name, Map<String, String> connectorConfig, TargetState target,
                                     Consumer<String> reconfigure) {
        return Mono.defer(() -> {
            if (connectors.containsKey(name)) {
                return Mono.error(new IllegalStateException("Connector " + name + " is already running"));
            }
            Connector connector;
            try {
                connector = plugins.newConnector(connectorConfig.getOrDefault(ConnectorConfig.CONNECTOR_CLASS, ""));
            } catch (RuntimeException e) {
                statuses.put(name, ConnectorStatus.Value.FAILED, e);
                return Mono.empty();
            }
            PluginThread thread = new PluginThread("connector-thread-" + name, Plugins.loaderOf(connector.getClass()));
            WorkerConnector wc = new WorkerConnector(name, connector, connectorConfig, thread, statuses, reconfigure);
            connectors.put(name, wc);
            return wc.start(target);
        });
    }

    /** Whether the connector is running here (started and not FAILED). */
    public boolean isRunning(String name) {
        WorkerConnector wc = connectors.get(name);
        return wc != null && !wc.failed();
    }

    /** Whether the connector is a sink; false if it is not running here. */
    public boolean isSink(String name) {
        WorkerConnector wc = connectors.get(name);
        return wc != null && wc.isSink();
    }

    /** The connector's task configurations; fails if it is not running. */
    public Mono<List<Map<String, String>>> taskConfigs(String name, int maxTasks) {
        return Mono.defer(() -> {
            WorkerConnector wc = connectors.get(name);
            return wc == null ? Mono.error(new IllegalStateException("Connector " + name + " is not running"))
                : wc.taskConfigs(maxTasks);
        });
    }

    /** Stops and forgets a connector (not its tasks); completes at once if it is not running. */
    public Mono<Void> stopConnector(String name) {
        return Mono.defer(() -> {
            WorkerConnector wc = connectors.remove(name);
            return wc == null ? Mono.empty() : wc.stop();
        });
    }

    /**
     * Creates and starts a task of a running connector in {@code target} state; completes once it runs or is
     * FAILED.
     */
    public Mono<Void> startTask(ConnectorTaskId id, Map<String, String> connectorConfig,
                                Map<String, String> taskConfig, TargetState target) {
        return Mono.defer(() -> {
            if (tasks.containsKey(id)) {
                return Mono.error(new IllegalStateException("Task " + id + " is already running"));
            }
            WorkerTask task;
            try {
                task = createTask(id, connectorConfig, taskConfig);
            } catch (RuntimeException | LinkageError e) {
                statuses.put(id, ConnectorStatus.Value.FAILED, e);
                return Mono.empty();
            }
            tasks.put(id, task);
            return task.start(target);
        });
    }

    private WorkerTask createTask(ConnectorTaskId id, Map<String, String> connectorConfig,
                                  Map<String, String> taskConfig) {
        WorkerConnector wc = connectors.get(id.connector());
        Connector connector = wc != null ? wc.connector()
            : plugins.newConnector(connectorConfig.getOrDefault(ConnectorConfig.CONNECTOR_CLASS, ""));
        Class<? extends Task> taskClass = connector.taskClass();
        Task task = Plugins.newInstance(taskClass, Task.class);
        PluginThread thread = new PluginThread("task-thread-" + id, Plugins.loaderOf(taskClass));
        try {
            if (task instanceof SinkTask sink) {
                return new WorkerSinkTask(id, sink, taskConfig, new ConnectorConfig(connectorConfig, true), resources,
                    thread);
            }
            if (task instanceof SourceTask source) {
                return new WorkerSourceTask(id, source, taskConfig, new ConnectorConfig(connectorConfig, false),
                    resources, thread);
            }
        } catch (RuntimeException e) {
            thread.dispose();
            throw e;
        }
        thread.dispose();
        throw new ConfigException("Task class " + taskClass.getName() + " is neither a SourceTask nor a SinkTask");
    }

    /** The connector's tasks running here. */
    public Set<ConnectorTaskId> taskIds(String connector) {
        return tasks.keySet().stream().filter(t -> t.connector().equals(connector)).collect(Collectors.toSet());
    }

    /** Stops and forgets a task: it finishes what is in flight, commits and closes; completes once done. */
    public Mono<Void> stopTask(ConnectorTaskId id) {
        return Mono.defer(() -> {
            WorkerTask task = tasks.remove(id);
            return task == null ? Mono.empty() : task.stop();
        });
    }

    /** Stops tasks in parallel; completes once all are done. */
    public Mono<Void> stopTasks(Collection<ConnectorTaskId> ids) {
        return Flux.fromIterable(List.copyOf(ids)).flatMap(this::stopTask).then();
    }

    /** Moves a running connector and its tasks to STARTED or PAUSED (STOPPED is the herder's: it stops tasks). */
    public Mono<Void> transitionTo(String connector, TargetState target) {
        return Mono.defer(() -> {
            tasks.forEach((id, task) -> {
                if (id.connector().equals(connector)) {
                    task.transitionTo(target);
                }
            });
            WorkerConnector wc = connectors.get(connector);
            return wc == null ? Mono.empty() : wc.transitionTo(target);
        });
    }

    /** Stops every task, then every connector; completes once all are done. */
    public Mono<Void> stop() {
        return stopTasks(tasks.keySet())
            .then(Flux.fromIterable(List.copyOf(connectors.keySet())).flatMap(this::stopConnector).then())
            .doOnSuccess(v -> LOG.info("Worker stopped"));
    }
}
