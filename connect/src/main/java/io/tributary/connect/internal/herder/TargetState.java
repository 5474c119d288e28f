package io.tributary.connect.internal.herder;

/**
 * What the user asked a connector to be: running, paused (tasks keep their resources but move no data) or
 * stopped (no tasks at all; its offsets may then be altered). In REST requests {@code RUNNING} names STARTED.
 */
public enum TargetState {
    STARTED, PAUSED, STOPPED
}
