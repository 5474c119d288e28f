package io.tributary.connect.internal.herder;

import static java.util.Objects.requireNonNull;

/** One task of a connector, numbered from 0. */
public record ConnectorTaskId(String connector, int task) implements Comparable<ConnectorTaskId> {
    public ConnectorTaskId {
        requireNonNull(connector, "connector");
    }

    @Override
    public int compareTo(ConnectorTaskId o) {
        int c = connector.compareTo(o.connector);
        return c != 0 ? c : Integer.compare(task, o.task);
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}
