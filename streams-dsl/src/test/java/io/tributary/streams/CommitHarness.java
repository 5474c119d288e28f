package io.tributary.streams;

import io.tributary.common.Header;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serdes;
import io.tributary.streams.internal.Access;
import io.tributary.streams.internal.engine.InputRecord;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.internal.engine.StreamTask;
import io.tributary.streams.internal.engine.TaskFactory;
import io.tributary.streams.processor.TaskId;
import io.tributary.streams.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one task of a single-sub-topology topology with String keys and values, on the engine the test driver and the
 * runtime use, committing only when told: several inputs between two commits show what the record cache holds back
 * (the test driver commits after each input, as Kafka Streams' does).
 */
final class CommitHarness implements AutoCloseable {
    private final TaskFactory factory;
    private final StreamTask task;
    private final List<OutputRecord> written = new ArrayList<>();
    private long offset;

    CommitHarness(Topology topology, StreamsOptions options) {
        this.factory = new TaskFactory(Access.graph(topology), options, () -> 0L);
        factory.prepareStateDirectory();
        this.task = factory.create(new TaskId(0, 0));
    }

    CommitHarness(StreamsBuilder builder, StreamsOptions options) {
        this(builder.build(), options);
    }

    /** Processes one input record, with a header {@code n} = {@code n} when not null. */
    void pipe(String topic, String key, @Nullable String value, long timestamp, @Nullable String n) {
        List<Header> headers = n == null ? List.of() : List.of(Header.of("n", n));
        task.process(new InputRecord(topic, 0, offset++, bytes(key), bytes(value), timestamp, headers));
        written.addAll(task.drainOutputs());
    }

    void pipe(String topic, String key, @Nullable String value, long timestamp) {
        pipe(topic, key, value, timestamp, null);
    }

    /** Flushes the record cache, as a commit does. */
    void commit() {
        task.flushCache();
        written.addAll(task.drainOutputs());
    }

    /**
     * What was written to {@code topic} since the last call, as {@code key=value@timestamp} plus {@code [n]} for a
     * header {@code n}; {@code keys} reads changelog keys (raw bytes) where needed.
     */
    List<String> read(String topic, Deserializer<?> keys, Deserializer<?> values) {
        List<String> out = new ArrayList<>();
        List<OutputRecord> rest = new ArrayList<>();
        for (OutputRecord r : written) {
            if (!r.topic().equals(topic)) {
                rest.add(r);
                continue;
            }
            Object value = r.value() == null ? null : values.deserialize(topic, r.value());
            String n = r.headers().stream().filter(h -> h.key().equals("n")).map(h -> "[" + string(h.value()) + "]")
                .findFirst().orElse("");
            out.add(keys.deserialize(topic, r.key()) + "=" + value + "@" + r.timestamp() + n);
        }
        written.clear();
        written.addAll(rest);
        return out;
    }

    List<String> read(String topic, Deserializer<?> values) {
        return read(topic, Serdes.string().deserializer(), values);
    }

    /** The changelog records of {@code store} written since the last call, still serialized. */
    List<OutputRecord> changelog(String store) {
        String topic = "app-" + store + "-changelog";
        List<OutputRecord> out = written.stream().filter(r -> r.topic().equals(topic)).toList();
        written.removeAll(out);
        return out;
    }

    /** Replays changelog records into {@code store}, as a restore does. */
    void restore(String store, List<OutputRecord> changelog) {
        changelog.forEach(r -> task.restore(store, r.key(), r.value(), r.timestamp()));
    }

    @SuppressWarnings("unchecked")
    <S extends StateStore> S store(String name) {
        return (S) task.stores().get(name);
    }

    @Override
    public void close() {
        task.close();
        factory.close();
    }

    private static byte @Nullable [] bytes(@Nullable String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte @Nullable [] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
