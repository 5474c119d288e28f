package io.tributary.connect;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A plugin that moves data between Kafka and another system by splitting the work into {@link Task}s. The worker
 * creates it through its public no-argument constructor, {@link #initialize initializes} it, {@link #start starts}
 * it with the user's configuration, asks for task configurations, and stops it on reconfiguration or deletion.
 * Extend {@link io.tributary.connect.source.SourceConnector} or {@link io.tributary.connect.sink.SinkConnector}.
 *
 * @since 0.1
 */
public abstract class Connector {
    private @Nullable ConnectorContext context;

    /** Called once by the runtime, before {@link #start}. */
    public void initialize(ConnectorContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The context given at {@link #initialize}. @throws IllegalStateException before it */
    protected ConnectorContext context() {
        if (context == null) {
            throw new IllegalStateException("The connector has not been initialized");
        }
        return context;
    }

    /** The version of the plugin, as the REST API shows it. */
    public abstract String version();

    /** Starts with the user's configuration (already checked with {@link #validate}). Throwing fails it. */
    public abstract void start(Map<String, String> props);

    /** The task class the worker instantiates. */
    public abstract Class<? extends Task> taskClass();

    /** One configuration per task to run, at most {@code maxTasks} ({@code tasks.max}) of them. */
    public abstract List<Map<String, String>> taskConfigs(int maxTasks);

    /** Stops: releases what {@link #start} acquired. */
    public abstract void stop();

    /** The configuration it accepts (beside the runtime's own keys such as {@code tasks.max}). */
    public abstract ConfigDef config();

    /**
     * Validates a configuration per key; by default against {@link #config()}. Override to add checks that span
     * keys (report them on one of the keys).
     */
    public List<ConfigValue> validate(Map<String, String> props) {
        return config().validate(props);
    }
}
