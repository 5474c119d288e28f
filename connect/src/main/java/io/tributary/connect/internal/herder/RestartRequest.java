package io.tributary.connect.internal.herder;

/**
 * {@code POST /connectors/{name}/restart}: the connector, and its tasks if {@code includeTasks}; with
 * {@code onlyFailed} only instances that are FAILED.
 */
public record RestartRequest(String connector, boolean onlyFailed, boolean includeTasks) {
    /** Whether only the connector itself is restarted (the original form, answered with 204). */
    public boolean connectorOnly() {
        return !onlyFailed && !includeTasks;
    }
}
