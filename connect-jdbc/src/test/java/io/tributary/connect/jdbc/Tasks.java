package io.tributary.connect.jdbc;

import io.tributary.connect.sink.ErrantRecordReporter;
import java.util.HashMap;
import java.util.Map;

/** Starts tasks the way the runtime does: a context first, then the configuration. */
final class Tasks {
    private Tasks() {
    }

    /** Keys and values given pairwise, e.g. {@code props("mode", "bulk", "topic.prefix", "db-")}. */
    static Map<String, String> props(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** {@code base} with {@code keysAndValues} added or replaced. */
    static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> out = new HashMap<>(base);
        out.putAll(props(keysAndValues));
        return out;
    }

    /** A started source task without committed offsets. */
    static JdbcSourceTask source(Map<String, String> props) {
        return source(props, Map.of());
    }

    /** A started source task whose offset store holds {@code committed}. */
    static JdbcSourceTask source(Map<String, String> props, Map<Map<String, ?>, Map<String, Object>> committed) {
        JdbcSourceTask task = new JdbcSourceTask();
        task.initialize(new TestSourceTaskContext(props, committed));
        task.start(props);
        return task;
    }

    /** A started sink task whose errant records fail the put. */
    static JdbcSinkTask sink(Map<String, String> props) {
        return sink(props, new TestSinkTaskContext(props));
    }

    /** A started sink task reporting errant records to {@code reporter}. */
    static JdbcSinkTask sink(Map<String, String> props, ErrantRecordReporter reporter) {
        return sink(props, new TestSinkTaskContext(props, reporter));
    }

    private static JdbcSinkTask sink(Map<String, String> props, TestSinkTaskContext context) {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(context);
        task.start(props);
        return task;
    }

    /** The properties of a source task reading {@code tables} (as the connector would assign them). */
    static Map<String, String> sourceTask(String url, String tables, String... keysAndValues) {
        Map<String, String> out = props("connection.url", url, "connection.user", "postgres", "topic.prefix", "db-",
            "poll.interval.ms", "100", JdbcSourceConfig.TABLES_CONFIG, tables);
        out.putAll(props(keysAndValues));
        return out;
    }

    /** The properties of a sink task writing to {@code url}. */
    static Map<String, String> sinkTask(String url, String... keysAndValues) {
        Map<String, String> out = props("connection.url", url, "connection.user", "postgres", "topics", "items",
            "max.retries", "0");
        out.putAll(props(keysAndValues));
        return out;
    }
}
