package io.tributary.connect.internal.distributed;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.connect.internal.runtime.ConnectorConfig;
import io.tributary.connect.internal.runtime.SerialQueue;
import io.tributary.connect.internal.runtime.Worker;
import io.tributary.consumer.group.GroupMembership;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The connectors and tasks this distributed worker runs, kept in step with its assignment and with the config
 * topic: starts what is assigned, stops what is revoked (then rejoins so that it reaches its next owner), restarts
 * what changed, and writes the task configurations of the connectors it runs. Every step goes through one
 * {@link SerialQueue}, so assignments and configuration changes never interleave. Thread-safe.
 */
final class AssignedWork {
    private static final Logger LOG = LoggerFactory.getLogger(AssignedWork.class);

    private final Worker worker;
    private final ConfigTopicStore configs;
    private final ZombieFencing fencing;
    private final SerialQueue queue = new SerialQueue();
    private volatile WorkerLoad running = WorkerLoad.EMPTY;
    private volatile @Nullable GroupMembership membership;

    AssignedWork(Worker worker, ConfigTopicStore configs, ZombieFencing fencing) {
        this.worker = worker;
        this.configs = configs;
        this.fencing = fencing;
    }

    void membership(GroupMembership membership) {
        this.membership = membership;
    }

    /** What runs here, as the next join announces it. */
    WorkerLoad running() {
        return running;
    }

    /** Applies this worker's share of a new generation. */
    Mono<Void> apply(ConnectProtocol.Assignment assignment) {
        return queue.submit(() -> configs.readToEnd().then(Mono.defer(() -> {
            WorkerLoad target = assignment.assigned();
            Set<String> stopConnectors = new HashSet<>(running.connectors());
            stopConnectors.removeAll(target.connectors());
            Set<ConnectorTaskId> stopTasks = new HashSet<>(running.tasks());
            stopTasks.removeAll(target.tasks());
            Set<String> startConnectors = new HashSet<>(target.connectors());
            startConnectors.removeAll(running.connectors());
            Set<ConnectorTaskId> startTasks = new HashSet<>(target.tasks());
            startTasks.removeAll(running.tasks());
            boolean revoked = !stopConnectors.isEmpty() || !stopTasks.isEmpty();
            LOG.info("Assignment at config offset {}: start {} {}, stop {} {}", assignment.configOffset(),
                startConnectors, startTasks, stopConnectors, stopTasks);
            return worker.stopTasks(stopTasks)
                .then(Flux.fromIterable(stopConnectors).concatMap(worker::stopConnector).then())
                .then(Mono.fromRunnable(() -> running = new WorkerLoad(minus(running.connectors(), stopConnectors),
                    minus(running.tasks(), stopTasks))))
                .then(Flux.fromIterable(startConnectors).concatMap(this::startConnector).then())
                .then(Flux.fromIterable(startTasks).concatMap(this::startTask).then())
                .then(Mono.fromRunnable(() -> {
                    if (revoked) {
                        rejoin("revoked work was stopped");
                    }
                    if (assignment.delayMs() > 0) {
                        Schedulers.parallel().schedule(() -> rejoin("the delay for a departed worker's work ended"),
                            assignment.delayMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                }));
        })));
    }

    private Mono<Void> startConnector(String name) {
        return Mono.defer(() -> {
            ConfigTopicStore.Snapshot s = configs.snapshot();
            Map<String, String> config = s.connectors().get(name);
            if (config == null) {
                return Mono.empty();
            }
            running = new WorkerLoad(plus(running.connectors(), name), running.tasks());
            return worker.startConnector(name, config, s.targetState(name), this::requestReconfiguration)
                .then(s.targetState(name) == TargetState.STOPPED ? Mono.empty() : reconfigure(name));
        });
    }

    private Mono<Void> startTask(ConnectorTaskId id) {
        return Mono.defer(() -> {
            ConfigTopicStore.Snapshot s = configs.snapshot();
            Map<String, String> config = s.connectors().get(id.connector());
            List<Map<String, String>> tasks = s.tasks().getOrDefault(id.connector(), List.of());
            if (config == null || id.task() >= tasks.size()) {
                // Assigned from an older configuration: the change that removed it triggers another rebalance.
                return Mono.empty();
            }
            running = new WorkerLoad(running.connectors(), plus(running.tasks(), id));
            return worker.startTask(id, config, tasks.get(id.task()), s.targetState(id.connector()));
        });
    }

    private void requestReconfiguration(String name) {
        queue.fireAndForget(() -> reconfigure(name));
    }

    /** Asks a connector running here for its task configurations and writes them if they changed. */
    private Mono<Void> reconfigure(String name) {
        return Mono.defer(() -> {
            ConfigTopicStore.Snapshot s = configs.snapshot();
            Map<String, String> config = s.connectors().get(name);
            // Only a started instance makes task configurations: a paused one keeps its tasks as they are.
            if (config == null || !running.connectors().contains(name) || !worker.isRunning(name)
                || s.targetState(name) != TargetState.STARTED) {
                return Mono.empty();
            }
            int max = Integer.parseInt(config.getOrDefault(ConnectorConfig.TASKS_MAX, "1"));
            List<Map<String, String>> current = s.tasks().getOrDefault(name, List.of());
            return worker.taskConfigs(name, max)
                .flatMap(generated -> Objects.equals(generated, s.tasks().get(name)) ? Mono.empty()
                    : fenceRemoved(name, current.size(), generated.size())
                        .then(configs.putTaskConfigs(name, generated)))
                .onErrorResume(e -> {
                    LOG.error("Connector {} failed to generate task configurations", name, e);
                    return Mono.empty();
                });
        });
    }

    /** Fences the removed tasks of a source connector on an exactly-once worker. */
    private Mono<Void> fenceRemoved(String connector, int oldCount, int newCount) {
        return worker.isSink(connector) ? Mono.empty() : fencing.removedTasks(connector, oldCount, newCount);
    }

    /** Reacts to a change other workers (or this one) wrote to the config topic. */
    void onChange(ConfigTopicStore.Change change) {
        queue.fireAndForget(() -> react(change));
    }

    private Mono<Void> react(ConfigTopicStore.Change change) {
        if (change instanceof ConfigTopicStore.Change.ConnectorConfigured c) {
            if (c.created()) {
                rejoin("connector " + c.connector() + " was created");
                return Mono.empty();
            }
            return running.connectors().contains(c.connector()) ? restartConnector(c.connector()) : Mono.empty();
        }
        if (change instanceof ConfigTopicStore.Change.ConnectorRemoved c) {
            return stopEverythingOf(c.connector()).then(Mono.fromRunnable(() -> rejoin("connector "
                + c.connector() + " was deleted")));
        }
        if (change instanceof ConfigTopicStore.Change.TasksCommitted c) {
            // New task configurations: the tasks running here with the old ones stop, the rebalance places the new.
            return stopTasksOf(c.connector()).then(Mono.fromRunnable(() -> rejoin("tasks of " + c.connector()
                + " were reconfigured")));
        }
        if (change instanceof ConfigTopicStore.Change.TargetStateChanged c) {
            return transition(c.connector(), c.state());
        }
        if (change instanceof ConfigTopicStore.Change.RestartRequested c) {
            return restart(c.request());
        }
        if (change instanceof ConfigTopicStore.Change.TaskRestartRequested c) {
            return running.tasks().contains(c.task()) ? restartTask(c.task()) : Mono.empty();
        }
        return Mono.empty();
    }

    private Mono<Void> transition(String name, TargetState state) {
        if (state == TargetState.STOPPED) {
            // The connector's worker empties its task configurations; every worker then stops its tasks.
            return running.connectors().contains(name)
                ? worker.transitionTo(name, TargetState.STOPPED)
                    .then(fenceRemoved(name, configs.snapshot().tasks().getOrDefault(name, List.of()).size(), 0))
                    .then(configs.putTaskConfigs(name, List.of()))
                : Mono.empty();
        }
        Mono<Void> move = worker.transitionTo(name, state);
        return running.connectors().contains(name) ? move.then(reconfigure(name)) : move;
    }

    private Mono<Void> restart(RestartRequest request) {
        String name = request.connector();
        Mono<Void> connector = running.connectors().contains(name) && (!request.onlyFailed() || failed(name))
            ? restartConnector(name) : Mono.empty();
        Mono<Void> tasks = !request.includeTasks() ? Mono.empty() : Flux.fromIterable(running.tasks())
            .filter(t -> t.connector().equals(name) && (!request.onlyFailed() || failed(t)))
            .concatMap(this::restartTask)
            .then();
        return connector.then(tasks);
    }

    private boolean failed(String connector) {
        ConnectorStatus.State s = worker.statuses().connector(connector);
        return s != null && s.state() == ConnectorStatus.Value.FAILED;
    }

    private boolean failed(ConnectorTaskId task) {
        ConnectorStatus.TaskState s = worker.statuses().task(task);
        return s != null && s.state() == ConnectorStatus.Value.FAILED;
    }

    private Mono<Void> restartConnector(String name) {
        return worker.stopConnector(name)
            .then(Mono.fromRunnable(() -> running = new WorkerLoad(minus(running.connectors(), Set.of(name)),
                running.tasks())))
            .then(startConnector(name));
    }

    private Mono<Void> restartTask(ConnectorTaskId id) {
        return worker.stopTask(id)
            .then(Mono.fromRunnable(() -> running = new WorkerLoad(running.connectors(),
                minus(running.tasks(), Set.of(id)))))
            .then(startTask(id));
    }

    private Mono<Void> stopTasksOf(String connector) {
        Set<ConnectorTaskId> mine = new HashSet<>();
        running.tasks().stream().filter(t -> t.connector().equals(connector)).forEach(mine::add);
        return worker.stopTasks(mine).then(Mono.fromRunnable(() -> running = new WorkerLoad(running.connectors(),
            minus(running.tasks(), mine))));
    }

    private Mono<Void> stopEverythingOf(String connector) {
        return stopTasksOf(connector)
            .then(worker.stopConnector(connector))
            .then(Mono.fromRunnable(() -> {
                running = new WorkerLoad(minus(running.connectors(), Set.of(connector)), running.tasks());
                worker.statuses().remove(connector);
            }));
    }

    /** The generation is lost: others may run this work already, so it stops here; completes once stopped. */
    Mono<Void> lose() {
        return queue.submit(this::stopAll);
    }

    /** Stops everything running here. */
    Mono<Void> stopAll() {
        return Mono.defer(() -> worker.stopTasks(running.tasks())
            .then(Flux.fromIterable(running.connectors()).concatMap(worker::stopConnector).then())
            .then(Mono.fromRunnable(() -> running = WorkerLoad.EMPTY)));
    }

    private void rejoin(String reason) {
        GroupMembership m = membership;
        if (m != null) {
            m.rejoin(reason);
        }
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static <T> Set<T> plus(Set<T> a, T item) {
        Set<T> out = new HashSet<>(a);
        out.add(item);
        return out;
    }
}
