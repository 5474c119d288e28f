package io.tributary.connect.internal.standalone;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.connect.internal.runtime.SerialQueue;
import io.tributary.connect.internal.runtime.Worker;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The steps that start, stop, restart, reconfigure and move connectors between target states in a standalone
 * worker, keeping the herder's {@link ConnectorState}s in step. Its methods run inside the herder's
 * {@link SerialQueue}; a connector's request for new task configurations is queued there too.
 */
final class ConnectorLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorLifecycle.class);

    private final Worker worker;
    private final Map<String, ConnectorState> connectors;
    private final SerialQueue queue;

    ConnectorLifecycle(Worker worker, Map<String, ConnectorState> connectors, SerialQueue queue) {
        this.worker = worker;
        this.connectors = connectors;
        this.queue = queue;
    }

    /** Starts the connector's instance and, unless it is STOPPED, its tasks. */
    Mono<Void> start(String name) {
        return Mono.defer(() -> {
            ConnectorState s = connectors.get(name);
            if (s == null) {
                return Mono.empty();
            }
            return worker.startConnector(name, s.config(), s.target(), this::requestReconfiguration)
                .then(s.target() == TargetState.STOPPED ? Mono.empty() : reconfigure(name, true));
        });
    }

    private void requestReconfiguration(String name) {
        queue.fireAndForget(() -> reconfigure(name, false));
    }

    /**
     * Asks the running connector for task configurations and, if they differ from the known ones (or
     * {@code always}), replaces the tasks.
     */
    private Mono<Void> reconfigure(String name, boolean always) {
        return Mono.defer(() -> {
            ConnectorState s = connectors.get(name);
            // Only a started instance makes task configurations: a paused one keeps its tasks as they are.
            if (s == null || s.target() != TargetState.STARTED || !worker.isRunning(name)) {
                return Mono.empty();
            }
            return worker.taskConfigs(name, s.tasksMax())
                .onErrorResume(e -> {
                    LOG.error("Connector {} failed to generate task configurations", name, e);
                    return Mono.empty();
                })
                .flatMap(configs -> {
                    if (!always && configs.equals(s.taskConfigs())) {
                        return Mono.empty();
                    }
                    return stopTasks(name, s).then(Mono.defer(() -> {
                        ConnectorState current = connectors.get(name);
                        if (current == null) {
                            return Mono.empty();
                        }
                        ConnectorState updated = current.taskConfigs(configs);
                        connectors.put(name, updated);
                        return Flux.range(0, configs.size())
                            .concatMap(i -> worker.startTask(new ConnectorTaskId(name, i), updated.config(),
                                configs.get(i), updated.target()))
                            .then();
                    }));
                });
        });
    }

    /** Stops the tasks and forgets their statuses. */
    private Mono<Void> stopTasks(String name, ConnectorState s) {
        return worker.stopTasks(worker.taskIds(name)).then(Mono.fromRunnable(() -> {
            for (int i = 0; i < s.taskConfigs().size(); i++) {
                worker.statuses().remove(new ConnectorTaskId(name, i));
            }
            worker.taskIds(name).forEach(worker.statuses()::remove);
        }));
    }

    /** Stops the tasks and the instance; with {@code forget}, drops their statuses. */
    Mono<Void> stop(String name, ConnectorState s, boolean forget) {
        return stopTasks(name, s)
            .then(worker.stopConnector(name))
            .then(Mono.fromRunnable(() -> {
                if (forget) {
                    worker.statuses().remove(name);
                }
            }));
    }

    /** Restarts the instance (if {@code connector}) and the tasks given. */
    Mono<Void> restart(String name, boolean connector, List<ConnectorTaskId> tasks) {
        Mono<Void> restartConnector = Mono.defer(() -> {
            ConnectorState s = connectors.get(name);
            if (!connector || s == null) {
                return Mono.empty();
            }
            return worker.stopConnector(name)
                .then(worker.startConnector(name, s.config(), s.target(), this::requestReconfiguration))
                .then(s.target() == TargetState.STOPPED ? Mono.empty() : reconfigure(name, false));
        });
        Mono<Void> restartTasks = Flux.fromIterable(tasks)
            .concatMap(id -> worker.stopTask(id).then(Mono.defer(() -> {
                ConnectorState s = connectors.get(name);
                if (s == null || id.task() >= s.taskConfigs().size()) {
                    return Mono.empty();
                }
                return worker.startTask(id, s.config(), s.taskConfigs().get(id.task()), s.target());
            })))
            .then();
        return restartConnector.then(restartTasks);
    }

    /** Moves the connector to {@code target}: pauses or resumes it, shuts its tasks down or brings them back. */
    Mono<Void> transition(String name, ConnectorState s, TargetState target) {
        if (s.target() == target) {
            return Mono.empty();
        }
        connectors.put(name, s.target(target));
        if (target == TargetState.STOPPED) {
            return stopTasks(name, s)
                .then(Mono.fromRunnable(() -> connectors.computeIfPresent(name, (n, c) -> c.taskConfigs(List.of()))))
                .then(worker.transitionTo(name, TargetState.STOPPED));
        }
        if (s.target() == TargetState.STOPPED) {
            ConnectorStatus.State own = worker.statuses().connector(name);
            boolean failed = own != null && own.state() == ConnectorStatus.Value.FAILED;
            Mono<Void> instance = failed || !worker.isRunning(name)
                ? worker.stopConnector(name).then(worker.startConnector(name, s.config(), target,
                    this::requestReconfiguration))
                : worker.transitionTo(name, target);
            return instance.then(reconfigure(name, true));
        }
        // Resumed, the instance starts again and may want other tasks than before.
        return worker.transitionTo(name, target).then(reconfigure(name, false));
    }
}
