package io.tributary.connect.internal.distributed;

import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
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
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.internal.runtime.ExactlyOnceSource;
import io.tributary.connect.internal.runtime.HerderSupport;
import io.tributary.connect.internal.runtime.StatusStore;
import io.tributary.connect.internal.runtime.Worker;
import io.tributary.connect.internal.runtime.WorkerConfig;
import io.tributary.consumer.group.GroupMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The herder of a distributed worker. Configurations, target states, task configurations and restart requests go
 * through the config topic ({@link ConfigTopicStore}), so every worker sees them in one order; the group's leader
 * assigns connectors and tasks, and each worker runs its share ({@link AssignedWork}); statuses are shared through
 * the status topic, source offsets through the offsets topic. Any worker answers any REST request: reads come from
 * its copy of the topics, writes go to the topics and wait until this worker has read them back. Thread-safe.
 */
public final class DistributedHerder implements Herder {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedHerder.class);

    private final Worker worker;
    private final TributaryAdmin admin;
    private final ConfigTopicStore configs;
    private final StatusTopicStore statuses;
    private final TopicOffsetStore offsets;
    private final AssignedWork work;
    private final HerderSupport support;
    private final DistributedSettings settings;
    private final ClientOptions client;
    private volatile @Nullable GroupMembership membership;
    private volatile String workerId;

    private DistributedHerder(Worker worker, TributaryAdmin admin, ConfigTopicStore configs,
                              StatusTopicStore statuses, TopicOffsetStore offsets, AssignedWork work,
                              DistributedSettings settings, ClientOptions client, String workerId) {
        this.settings = settings;
        this.client = client;
        this.worker = worker;
        this.admin = admin;
        this.configs = configs;
        this.statuses = statuses;
        this.offsets = offsets;
        this.work = work;
        this.workerId = workerId;
        this.support = new HerderSupport(worker, admin);
    }

    /**
     * A herder for the worker of these settings, not yet started: builds the topic stores and the worker.
     *
     * @param settings the distributed worker's own settings
     */
    public static DistributedHerder create(DistributedSettings settings, WorkerConfig config, Plugins plugins,
                                           ClientOptions client, TributaryAdmin admin) {
        AtomicReference<@Nullable DistributedHerder> self = new AtomicReference<>();
        AtomicReference<@Nullable AssignedWork> work = new AtomicReference<>();
        ConfigTopicStore configs = new ConfigTopicStore(client, admin, settings.configTopic(),
            settings.replicationFactor(), change -> {
                AssignedWork w = work.get();
                if (w != null) {
                    w.onChange(change);
                }
            });
        StatusTopicStore statuses = new StatusTopicStore(client, admin, NewTopic.of(settings.statusTopic(),
            settings.statusPartitions(), settings.replicationFactor()));
        TopicOffsetStore offsets = new TopicOffsetStore(client, admin, NewTopic.of(settings.offsetTopic(),
            settings.offsetPartitions(), settings.replicationFactor()), settings.readsOffsetsCommitted());
        StatusStore local = new StatusStore(() -> {
            DistributedHerder h = self.get();
            return h == null ? "unknown" : h.workerId();
        }, new StatusStore.Listener() {
            @Override
            public void connector(String name, ConnectorStatus.@Nullable State state) {
                statuses.put(name, state).subscribe(null, e -> LOG.warn("Could not publish the status of {}: {}",
                    name, e.toString()));
            }

            @Override
            public void task(ConnectorTaskId id, ConnectorStatus.@Nullable TaskState state) {
                statuses.put(id, state).subscribe(null, e -> LOG.warn("Could not publish the status of {}: {}",
                    id, e.toString()));
            }
        });
        ExactlyOnceSource exactlyOnce = settings.exactlyOnceEnabled()
            ? ExactlyOnceSource.enabled(settings.groupId()) : ExactlyOnceSource.DISABLED;
        Worker worker = new Worker(config, plugins, offsets, local, exactlyOnce);
        AssignedWork assigned = new AssignedWork(worker, configs, new ZombieFencing(admin, exactlyOnce));
        work.set(assigned);
        DistributedHerder herder = new DistributedHerder(worker, admin, configs, statuses, offsets, assigned,
            settings, client, "unknown");
        self.set(herder);
        return herder;
    }

    /**
     * Reads the topics (creating them if missing) and joins the group; completes once the stores are read. The
     * worker's first assignment follows in the background.
     *
     * @param workerId this worker's REST {@code host:port}, as statuses and the group show it
     */
    public Mono<Void> start(String workerId) {
        return Mono.defer(() -> {
            this.workerId = workerId;
            return configs.start()
                .then(statuses.start())
                .then(offsets.start())
                .then(Mono.fromRunnable(() -> {
                    ConnectGroupProtocol protocol = new ConnectGroupProtocol("http://" + workerId, configs,
                        work::running, settings.maxRebalanceDelayMs(), work::apply, work::lose);
                    GroupMembership m = GroupMembership.create(settings.membership(client), protocol);
                    membership = m;
                    work.membership(m);
                    m.join();
                    LOG.info("Distributed worker {} joined group {}", workerId, settings.groupId());
                }));
        });
    }

    /** For tests: stops heartbeating and running tasks without leaving or committing, as a crashed worker would. */
    public Mono<Void> halt() {
        return Mono.defer(() -> {
            GroupMembership m = membership;
            membership = null;
            return (m == null ? Mono.<Void>empty() : m.abandon()).then(worker.stop());
        });
    }

    /**
     * For tests: stops heartbeating without leaving, but keeps running what runs here, as a worker cut off from the
     * group would: its tasks become zombies once the group moves their work.
     */
    public Mono<Void> isolate() {
        return Mono.defer(() -> {
            GroupMembership m = membership;
            membership = null;
            return m == null ? Mono.<Void>empty() : m.abandon();
        });
    }

    @Override
    public String workerId() {
        return workerId;
    }

    @Override
    public Mono<String> kafkaClusterId() {
        return admin.describeCluster().map(c -> c.clusterId());
    }

    /** The configuration snapshot after reading the config topic to its end. */
    private Mono<ConfigTopicStore.Snapshot> current() {
        return configs.readToEnd().then(Mono.fromSupplier(configs::snapshot));
    }

    private Mono<ConfigTopicStore.Snapshot> existing(String name) {
        return current().flatMap(s -> s.connectors().containsKey(name) ? Mono.just(s)
            : Mono.error(ConnectRestException.notFound("Connector " + name + " not found")));
    }

    @Override
    public Mono<List<String>> connectors() {
        return current().map(s -> List.copyOf(new java.util.TreeSet<>(s.connectors().keySet())));
    }

    @Override
    public Mono<ConnectorInfo> connectorInfo(String name) {
        return existing(name).map(s -> info(name, s));
    }

    private ConnectorInfo info(String name, ConfigTopicStore.Snapshot s) {
        List<ConnectorTaskId> ids = new ArrayList<>();
        for (int i = 0; i < s.tasks().getOrDefault(name, List.of()).size(); i++) {
            ids.add(new ConnectorTaskId(name, i));
        }
        Map<String, String> config = s.connectors().get(name);
        return new ConnectorInfo(name, config, ids, support.type(config));
    }

    @Override
    public Mono<Map<String, String>> connectorConfig(String name) {
        return existing(name).map(s -> s.connectors().get(name));
    }

    @Override
    public Mono<Created<ConnectorInfo>> putConnectorConfig(String name, Map<String, String> config,
                                                           @Nullable TargetState initialState,
                                                           boolean allowReplace) {
        return Mono.defer(() -> {
            Map<String, String> full = support.named(name, config);
            return support.validated(full)
                .then(current())
                .flatMap(s -> {
                    boolean exists = s.connectors().containsKey(name);
                    if (exists && !allowReplace) {
                        return Mono.error(ConnectRestException.conflict("Connector " + name + " already exists"));
                    }
                    return configs.putConnectorConfig(name, full, exists ? null : initialState)
                        .then(current())
                        .map(after -> new Created<>(!exists, info(name, after)));
                });
        });
    }

    @Override
    public Mono<Void> deleteConnector(String name) {
        return existing(name).flatMap(s -> configs.removeConnector(name)).then(configs.readToEnd());
    }

    @Override
    public Mono<ConnectorStatus> connectorStatus(String name) {
        return existing(name).map(s -> status(name, s));
    }

    private ConnectorStatus status(String name, ConfigTopicStore.Snapshot s) {
        return HerderSupport.status(name, s.tasks().getOrDefault(name, List.of()).size(),
            support.type(s.connectors().get(name)), workerId, statuses::connector, statuses::task);
    }

    @Override
    public Mono<ConnectorStatus.TaskState> taskStatus(ConnectorTaskId id) {
        return existing(id.connector()).flatMap(s -> {
            ConnectorStatus status = status(id.connector(), s);
            if (id.task() < 0 || id.task() >= status.tasks().size()) {
                return Mono.error(ConnectRestException.notFound("Task " + id + " not found"));
            }
            return Mono.just(status.tasks().get(id.task()));
        });
    }

    @Override
    public Mono<List<TaskInfo>> taskConfigs(String name) {
        return existing(name).map(s -> HerderSupport.taskInfos(name, s.tasks().getOrDefault(name, List.of())));
    }

    @Override
    public Mono<ConnectorStatus> restart(RestartRequest request) {
        return existing(request.connector()).flatMap(s -> {
            ConnectorStatus before = status(request.connector(), s);
            // What will restart shows RESTARTING until its worker restarts it.
            ConnectorStatus.State connector = before.connector();
            if (!request.onlyFailed() || connector.state() == ConnectorStatus.Value.FAILED) {
                connector = new ConnectorStatus.State(ConnectorStatus.Value.RESTARTING, connector.workerId(), null);
            }
            List<ConnectorStatus.TaskState> tasks = new ArrayList<>();
            for (ConnectorStatus.TaskState t : before.tasks()) {
                boolean restarts = request.includeTasks()
                    && (!request.onlyFailed() || t.state() == ConnectorStatus.Value.FAILED);
                tasks.add(restarts ? new ConnectorStatus.TaskState(t.id(), ConnectorStatus.Value.RESTARTING,
                    t.workerId(), null) : t);
            }
            return configs.requestRestart(request)
                .thenReturn(new ConnectorStatus(request.connector(), connector, tasks, before.type()));
        });
    }

    @Override
    public Mono<Void> restartTask(ConnectorTaskId id) {
        return taskStatus(id).then(configs.requestTaskRestart(id));
    }

    @Override
    public Mono<Void> targetState(String name, TargetState state) {
        return existing(name).flatMap(s -> configs.putTargetState(name, state)).then(configs.readToEnd());
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
        return existing(name).flatMap(s -> offsets.readToEnd()
            .then(support.offsets(name, s.connectors().get(name))));
    }

    @Override
    public Mono<String> alterOffsets(String name, ConnectorOffsets changes) {
        return stopped(name).flatMap(config -> support.alterOffsets(name, config, changes));
    }

    @Override
    public Mono<String> resetOffsets(String name) {
        return stopped(name).flatMap(config -> support.resetOffsets(name, config));
    }

    private Mono<Map<String, String>> stopped(String name) {
        return existing(name).flatMap(s -> s.targetState(name) == TargetState.STOPPED
            ? Mono.just(s.connectors().get(name)) : Mono.error(HerderSupport.notStopped(name)));
    }

    /**
     * Stops what runs here (committing offsets), then leaves the group so its work moves to the others at once,
     * then stops the topic stores; lazy.
     */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            GroupMembership m = membership;
            return work.stopAll()
                .then(worker.stop())
                .then(m == null ? Mono.<Void>empty() : m.leave())
                .then(configs.stop())
                .then(statuses.stop())
                .then(offsets.stop())
                .then(admin.close().onErrorResume(e -> Mono.empty()));
        });
    }
}
