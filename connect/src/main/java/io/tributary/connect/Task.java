package io.tributary.connect;

import java.util.Map;

/**
 * One unit of a connector's work, run by a worker. Created by the runtime through its public no-argument
 * constructor, started with the configuration its connector gave it, stopped when the connector is reconfigured,
 * paused, moved or deleted.
 *
 * @since 0.1
 */
public interface Task {
    /** The version of the plugin, as the REST API shows it. */
    String version();

    /** Starts with the configuration from {@link Connector#taskConfigs}. Throwing fails the task. */
    void start(Map<String, String> props);

    /** Releases what {@link #start} acquired. Called once; must not block for long. */
    void stop();
}
