package io.tributary.connect.internal.standalone;

import io.tributary.admin.TributaryAdmin;
import io.tributary.connect.internal.herder.ConfigInfos;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.connect.internal.herder.TaskInfo;
import io.tributary.connect.internal.runtime.HerderSupport;
import io.tributary.connect.internal.runtime.SerialQueue;
import io.tributary.connect.internal.runtime.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The herder of a standalone worker: every connector runs in this process. Configurations and target states are
 * kept in memory (a standalone worker is given its connectors again at each start); source offsets live in the
 * worker's offset store (a local file), sink offsets in Kafka under the connector's consumer group. Changes go
 * through a {@link SerialQueue}, one at a time; reads answer from memory. Plugin calls that may block (validation)
 * run on {@code boundedElastic}, never on the caller's thread.
 */
public final class StandaloneHerder implements Herder {
    private final Worker worker;
    private final TributaryAdmin admin;
    private final SerialQueue queue = new SerialQueue();
    private final Map<String, ConnectorState> connectors = new ConcurrentSkipListMap<>();
    private final ConnectorLifecycle lifecycle;
    private final HerderSupport support;
    private volatile String workerId;

    /** @param admin the admin client of the worker's cluster (cluster id, sink offsets); closed by {@link #stop} */
    public StandaloneHerder(Worker worker, TributaryAdmin admin, String workerId) {
        this.worker = worker;
        this.admin = admin;
        this.workerId = workerId;
        this.lifecycle = new ConnectorLifecycle(worker, connectors, queue);
        this.support = new HerderSupport(worker, admin);
    }

    /** Sets this worker's id once its REST listener knows its port. */
    public void workerId(String id) {
        this.workerId = id;
    }

    @Override
    public String workerId() {
        return workerId;
    }

    public Worker worker() {
        return worker;
    }

    @Override
    public Mono<String> kafkaClusterId() {
        return admin.describeCluster().map(c -> c.clusterId());
    }

    @Override
    public Mono<List<String>> connectors() {
        return Mono.fromSupplier(() -> List.copyOf(connectors.keySet()));
    }

    private Mono<ConnectorState> state(String name) {
        return Mono.defer(() -> {
            ConnectorState s = connectors.get(name);
            return s == null ? Mono.error(ConnectRestException.notFound("Connector " + name + " not found"))
                : Mono.just(s);
        });
    }

    @Override
    public Mono<ConnectorInfo> connectorInfo(String name) {
        return state(name).map(s -> info(name, s));
    }

    private ConnectorInfo info(String name, ConnectorState s) {
        List<ConnectorTaskId> ids = new ArrayList<>();
        for (int i = 0; i < s.taskConfigs().size(); i++) {
            ids.add(new ConnectorTaskId(name, i));
        }
        return new ConnectorInfo(name, s.config(), ids, s.type());
    }

    @Override
    public Mono<Map<String, String>> connectorConfig(String name) {
        return state(name).map(ConnectorState::config);
    }

    @Override
    public Mono<Created<ConnectorInfo>> putConnectorConfig(String name, Map<String, String> config,
                                                           @Nullable TargetState initialState,
                                                           boolean allowReplace) {
        return Mono.defer(() -> {
            Map<String, String> full = support.named(name, config);
            return support.validated(full).then(queue.submit(() -> {
                ConnectorState existing = connectors.get(name);
                if (existing != null && !allowReplace) {
                    return Mono.error(ConnectRestException.conflict("Connector " + name + " already exists"));
                }
                TargetState target = existing != null ? existing.target()
                    : initialState != null ? initialState : TargetState.STARTED;
                Mono<Void> stopOld = existing == null ? Mono.empty() : lifecycle.stop(name, existing, true);
                ConnectorState fresh = new ConnectorState(Map.copyOf(full), support.type(full), target, List.of());
                return stopOld
                    .then(Mono.fromRunnable(() -> connectors.put(name, fresh)))
                    .then(lifecycle.start(name))
                    .then(Mono.fromSupplier(() -> new Created<>(existing == null, info(name, connectors.get(name)))));
            }));
        });
    }

    @Override
    public Mono<Void> deleteConnector(String name) {
        return queue.submit(() -> state(name).flatMap(s -> lifecycle.stop(name, s, true)
            .then(Mono.fromRunnable(() -> connectors.remove(name)))));
    }

    @Override
    public Mono<ConnectorStatus> connectorStatus(String name) {
        return state(name).map(s -> status(name, s));
    }

    private ConnectorStatus status(String name, ConnectorState s) {
        return HerderSupport.status(name, s.taskConfigs().size(), s.type(), workerId, worker.statuses()::connector,
            worker.statuses()::task);
    }

    @Override
    public Mono<ConnectorStatus.TaskState> taskStatus(ConnectorTaskId id) {
        return state(id.connector()).flatMap(s -> {
            if (id.task() < 0 || id.task() >= s.taskConfigs().size()) {
                return Mono.error(ConnectRestException.notFound("Task " + id + " not found"));
            }
            return Mono.just(status(id.connector(), s).tasks().get(id.task()));
        });
    }

    @Override
    public Mono<List<TaskInfo>> taskConfigs(String name) {
        return state(name).map(s -> HerderSupport.taskInfos(name, s.taskConfigs()));
    }

    @Override
    public Mono<ConnectorStatus> restart(RestartRequest request) {
        return queue.submit(() -> state(request.connector()).map(s -> {
            String name = request.connector();
            ConnectorStatus before = status(name, s);
            boolean connector = !request.onlyFailed() || before.connector().state() == ConnectorStatus.Value.FAILED;
            List<ConnectorTaskId> tasks = new ArrayList<>();
            if (request.includeTasks()) {
                for (ConnectorStatus.TaskState t : before.tasks()) {
                    if (!request.onlyFailed() || t.state() == ConnectorStatus.Value.FAILED) {
                        tasks.add(new ConnectorTaskId(name, t.id()));
                    }
                }
            }
            if (connector) {
                worker.statuses().put(name, ConnectorStatus.Value.RESTARTING, null);
            }
            tasks.forEach(t -> worker.statuses().put(t, ConnectorStatus.Value.RESTARTING, null));
            ConnectorStatus planned = status(name, s);
            queue.fireAndForget(() -> lifecycle.restart(name, connector, tasks));
            return planned;
        }));
    }

    @Override
    public Mono<Void> restartTask(ConnectorTaskId id) {
        return queue.submit(() -> state(id.connector()).flatMap(s -> {
            if (id.task() < 0 || id.task() >= s.taskConfigs().size()) {
                return Mono.error(ConnectRestException.notFound("Task " + id + " not found"));
            }
            return lifecycle.restart(id.connector(), false, List.of(id));
        }));
    }

    @Override
    public Mono<Void> targetState(String name, TargetState state) {
        return queue.submit(() -> state(name).flatMap(s -> lifecycle.transition(name, s, state)));
    }

    @Override
    public Mono<ConfigInfos> validateConnectorConfig(Map<String, String> config) {
        return support.validate(config);
    }

    @Override
    public List<PluginInfo> plugins(boolean connectorsOnly) {
        return support.plugins(connectorsOnly);
    }

    @Override
    public Mono<List<ConfigInfos.KeyInfo>> pluginConfig(String plugin) {
        return support.pluginConfig(plugin);
    }

    @Override
    public Mono<ConnectorOffsets> offsets(String name) {
        return state(name).flatMap(s -> support.offsets(name, s.config()));
    }

    @Override
    public Mono<String> alterOffsets(String name, ConnectorOffsets offsets) {
        return queue.submit(() -> stopped(name).flatMap(s -> support.alterOffsets(name, s.config(), offsets)));
    }

    @Override
    public Mono<String> resetOffsets(String name) {
        return queue.submit(() -> stopped(name).flatMap(s -> support.resetOffsets(name, s.config())));
    }

    private Mono<ConnectorState> stopped(String name) {
        return state(name).flatMap(s -> s.target() == TargetState.STOPPED ? Mono.just(s)
            : Mono.error(HerderSupport.notStopped(name)));
    }

    /** Stops every connector and task (committing their offsets), then the admin client; lazy. */
    public Mono<Void> stop() {
        return queue.submit(() -> worker.stop())
            .then(Mono.fromRunnable(queue::dispose))
            .then(admin.close().onErrorResume(e -> Mono.empty()));
    }
}
