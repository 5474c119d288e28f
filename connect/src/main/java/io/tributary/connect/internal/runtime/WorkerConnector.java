package io.tributary.connect.internal.runtime;

import io.tributary.connect.Connector;
import io.tributary.connect.ConnectorContext;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.internal.herder.TargetState;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One running connector instance: initializes and starts it on its own thread, asks it for task configurations,
 * moves it between target states and stops it. A connector that throws on start (or raises an error later) is
 * FAILED with the stack trace; the worker goes on. PAUSED and STOPPED stop the instance (as Kafka Connect does; a
 * paused connector's tasks hold still, a stopped one's are shut down), and STARTED starts it again. Thread-safe:
 * every plugin call runs on the connector's thread.
 */
final class WorkerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerConnector.class);

    private final String name;
    private final Connector connector;
    private final Map<String, String> config;
    private final PluginThread thread;
    private final StatusStore statuses;
    private boolean started;   // touched on the connector's thread only
    private volatile boolean failed;

    /** @param reconfigure called with the connector's name when it asks for new task configurations */
    WorkerConnector(String name, Connector connector, Map<String, String> config, PluginThread thread,
                    StatusStore statuses, Consumer<String> reconfigure) {
        this.name = name;
        this.connector = connector;
        this.config = Map.copyOf(config);
        this.thread = thread;
        this.statuses = statuses;
        connector.initialize(new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
                if (!failed) {
                    reconfigure.accept(name);
                }
            }

            @Override
            public void raiseError(Exception e) {
                fail(e);
            }
        });
    }

    Connector connector() {
        return connector;
    }

    boolean isSink() {
        return connector instanceof io.tributary.connect.sink.SinkConnector;
    }

    /** Whether the connector failed (on start or by raising an error) and is not running. */
    boolean failed() {
        return failed;
    }

    /** Starts the instance in {@code target} state; completes once running or FAILED; never fails. */
    Mono<Void> start(TargetState target) {
        statuses.put(name, ConnectorStatus.Value.UNASSIGNED, null);
        return transitionTo(target);
    }

    /** Moves to {@code target}: starts or stops the instance as needed; completes once done; never fails. */
    Mono<Void> transitionTo(TargetState target) {
        return Mono.<Void>fromRunnable(() -> {
            if (failed) {
                return;   // stays FAILED until restarted
            }
            try {
                if (target != TargetState.STARTED) {
                    stopInstance();
                    statuses.put(name, target == TargetState.PAUSED ? ConnectorStatus.Value.PAUSED
                        : ConnectorStatus.Value.STOPPED, null);
                    return;
                }
                if (!started) {
                    connector.start(config);
                    started = true;
                }
                statuses.put(name, ConnectorStatus.Value.RUNNING, null);
            } catch (RuntimeException | LinkageError e) {
                fail(e);
            }
        }).subscribeOn(thread.scheduler());
    }

    private void fail(Throwable e) {
        failed = true;
        statuses.put(name, ConnectorStatus.Value.FAILED, e);
    }

    /** The connector's task configurations, at most {@code maxTasks}; fails if the connector is not running. */
    Mono<List<Map<String, String>>> taskConfigs(int maxTasks) {
        return Mono.fromCallable(() -> {
            if (failed || !started) {
                throw new ConnectException("Connector " + name + " is not running");
            }
            List<Map<String, String>> configs = connector.taskConfigs(maxTasks);
            if (configs.size() > maxTasks) {
                throw new ConnectException("Connector " + name + " generated " + configs.size() + " task configs, "
                    + "but its tasks.max is " + maxTasks);
            }
            return configs.stream().map(Map::copyOf).toList();
        }).subscribeOn(thread.scheduler());
    }

    /** Stops the instance and ends its thread; completes once done; never fails. */
    Mono<Void> stop() {
        return Mono.<Void>fromRunnable(this::stopInstance)
            .subscribeOn(thread.scheduler())
            .doFinally(s -> thread.dispose());
    }

    private void stopInstance() {
        if (!started) {
            return;
        }
        started = false;
        try {
            connector.stop();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Connector {} threw on stop", name, e);
        }
    }
}
