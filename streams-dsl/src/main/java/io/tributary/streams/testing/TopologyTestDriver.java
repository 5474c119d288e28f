package io.tributary.streams.testing;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serializer;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.Topology;
import io.tributary.streams.internal.Access;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.engine.InputRecord;
import io.tributary.streams.internal.engine.OutputRecord;
import io.tributary.streams.internal.engine.StreamTask;
import io.tributary.streams.internal.engine.TaskFactory;
import io.tributary.streams.processor.TaskId;
import io.tributary.streams.state.KeyValueStore;
import io.tributary.streams.state.SessionStore;
import io.tributary.streams.state.StateStore;
import io.tributary.streams.state.WindowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a topology deterministically, without a broker, on the same task engine as
 * {@link io.tributary.streams.TributaryStreams}: the same processors, stores, change logging, stream time and
 * punctuation code. Every topic has one partition, so the topology runs as one task per sub-topology; records
 * written to repartition topics are read back by the downstream task before {@code pipeInput} returns. Wall-clock
 * time is a mock clock moved by {@link #advanceWallClockTime}. A record piped into a global table's topic updates
 * the global store at once (so later records of any topic see it). As Kafka Streams' driver commits after each
 * piped record, the record caches flush then (and after each wall-clock advance): updates of a key made while one
 * record is processed come out once.
 *
 * <pre>{@code
 * try (TopologyTestDriver driver = new TopologyTestDriver(topology, options)) {
 *     TestInputTopic<String, String> lines = driver.createInputTopic("lines", stringSerializer, stringSerializer);
 *     TestOutputTopic<String, Long> counts = driver.createOutputTopic("counts", stringDeserializer, longDeserializer);
 *     lines.pipeInput("a b a");
 *     assertThat(counts.readKeyValuesToMap()).containsEntry("a", 2L);
 * }
 * }</pre>
 *
 * <p>It lives in this module rather than in {@code testkit} because {@code testkit} is a test dependency of this
 * module, and Maven forbids the cycle {@code testkit} depending on {@code streams-dsl} would make.
 *
 * <p>Persistent stores ({@code Stores.persistentKeyValueStoreBuilder} and its window and session counterparts,
 * {@code Materialized.StoreType.ROCKS_DB}, {@code StreamJoined.withStoreType}, {@code default.dsl.store=rocksDB})
 * live under {@code state.dir} as in the runtime, so a driver created after another one closed sees their contents;
 * close the driver to release them.
 *
 * <p>Not thread-safe: use it from the test's thread.
 *
 * @since 0.1
 */
public final class TopologyTestDriver implements AutoCloseable {
    private static final String DEFAULT_APPLICATION_ID = "topology-test-driver";

    private final TaskFactory factory;
    private final Map<Integer, StreamTask> tasks = new LinkedHashMap<>();
    private final Map<String, Queue<OutputRecord>> written = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private long wallClockMs;
    private boolean closed;

    /** A driver with application id {@code topology-test-driver} and no default serdes. */
    public TopologyTestDriver(Topology topology) {
        this(topology, StreamsOptions.create(DEFAULT_APPLICATION_ID, "localhost:9092"));
    }

    /** A driver with these options (the cluster settings are not used), its clock at the current time. */
    public TopologyTestDriver(Topology topology, StreamsOptions options) {
        this(topology, options, Instant.now());
    }

    public TopologyTestDriver(Topology topology, StreamsOptions options, Instant initialWallClockTime) {
        requireNonNull(topology, "topology");
        requireNonNull(options, "options");
        this.wallClockMs = initialWallClockTime.toEpochMilli();
        this.factory = new TaskFactory(Access.graph(topology), options, () -> wallClockMs);
        factory.prepareStateDirectory();
        try {
            for (Subtopology s : factory.subtopologies()) {
                tasks.put(s.id(), factory.create(new TaskId(s.id(), 0)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** An input topic whose records without timestamp get the driver's current wall-clock time. */
    public <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                        Serializer<V> valueSerializer) {
        return createInputTopic(topic, keySerializer, valueSerializer, Instant.ofEpochMilli(wallClockMs),
            Duration.ZERO);
    }

    /** An input topic whose records without timestamp start at {@code startTime} and advance by {@code advance}. */
    public <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                        Serializer<V> valueSerializer, Instant startTime,
                                                        Duration advance) {
        requireNonNull(topic, "topic");
        if (!factory.subtopologyByTopic().containsKey(topic) && !factory.global().reads(topic)) {
            throw new IllegalArgumentException("No source of the topology reads topic " + topic + "; it reads "
                + factory.subtopologyByTopic().keySet() + " and global topics " + factory.global().topics());
        }
        return new TestInputTopic<>(this, topic, requireNonNull(keySerializer, "keySerializer"),
            requireNonNull(valueSerializer, "valueSerializer"), startTime, advance);
    }

    /** Reads what the topology writes to {@code topic} (a sink topic, or a changelog/repartition topic by name). */
    public <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer,
                                                          Deserializer<V> valueDeserializer) {
        requireNonNull(topic, "topic");
        return new TestOutputTopic<>(topic, queue(topic), requireNonNull(keyDeserializer, "keyDeserializer"),
            requireNonNull(valueDeserializer, "valueDeserializer"));
    }

    /** The topics written to so far. */
    public Set<String> producedTopicNames() {
        return Set.copyOf(written.keySet());
    }

    /** Moves the mock wall clock and fires the wall-clock punctuations that became due. */
    public void advanceWallClockTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative, was " + advance);
        }
        checkOpen();
        wallClockMs += advance.toMillis();
        for (StreamTask task : tasks.values()) {
            task.punctuateWallClock(wallClockMs);
            task.flushCache();
            route(task);
        }
    }

    /** A key-value store of the topology, to read or write. */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore store = getStateStore(name);
        if (!(store instanceof KeyValueStore)) {
            throw new IllegalArgumentException("Store " + name + " is not a key-value store");
        }
        return (KeyValueStore<K, V>) store;
    }

    /** A window store of the topology. */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        StateStore store = getStateStore(name);
        if (!(store instanceof WindowStore)) {
            throw new IllegalArgumentException("Store " + name + " is not a window store");
        }
        return (WindowStore<K, V>) store;
    }

    /** A session store of the topology. */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        StateStore store = getStateStore(name);
        if (!(store instanceof SessionStore)) {
            throw new IllegalArgumentException("Store " + name + " is not a session store");
        }
        return (SessionStore<K, V>) store;
    }

    /** @throws IllegalArgumentException if the topology has no store of that name */
    public StateStore getStateStore(String name) {
        StateStore global = factory.global().stores().get(name);
        if (global != null) {
            return global;
        }
        for (StreamTask task : tasks.values()) {
            StateStore store = task.stores().get(name);
            if (store != null) {
                return store;
            }
        }
        throw new IllegalArgumentException("The topology has no store named " + name);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tasks.values().forEach(StreamTask::close);
            factory.close();
        }
    }

    void pipe(String topic, byte @Nullable [] key, byte @Nullable [] value, long timestamp, List<Header> headers) {
        checkOpen();
        if (factory.global().reads(topic)) {
            // As in Kafka Streams' driver: a global topic's record updates the global store at once.
            nextOffsets.merge(topic, 1L, Long::sum);
            factory.global().update(topic, key, value, timestamp);
            return;
        }
        Queue<InputRecord> pending = new ArrayDeque<>();
        pending.add(input(topic, key, value, timestamp, headers));
        // Records written to topics the topology reads (repartition topics) are read back in the order written.
        while (!pending.isEmpty()) {
            while (!pending.isEmpty()) {
                InputRecord next = pending.poll();
                StreamTask task = tasks.get(factory.subtopologyByTopic().get(next.topic()));
                task.process(next);
                readBack(route(task), pending);
            }
            // As Kafka Streams' driver commits after each piped record, the record caches flush; what they forward
            // may feed repartition topics in turn.
            for (StreamTask task : tasks.values()) {
                task.flushCache();
                readBack(route(task), pending);
            }
        }
    }

    private void readBack(List<OutputRecord> outputs, Queue<InputRecord> pending) {
        for (OutputRecord out : outputs) {
            if (!out.changelog() && factory.subtopologyByTopic().containsKey(out.topic())) {
                pending.add(input(out.topic(), out.key(), out.value(), out.timestamp(), out.headers()));
            }
        }
    }

    private List<OutputRecord> route(StreamTask task) {
        List<OutputRecord> outputs = task.drainOutputs();
        outputs.forEach(out -> queue(out.topic()).add(out));
        return outputs;
    }

    private InputRecord input(String topic, byte @Nullable [] key, byte @Nullable [] value, long timestamp,
                              List<Header> headers) {
        long offset = nextOffsets.merge(topic, 1L, Long::sum) - 1;
        return new InputRecord(topic, 0, offset, key, value, timestamp, headers);
    }

    private Queue<OutputRecord> queue(String topic) {
        return written.computeIfAbsent(topic, t -> new ArrayDeque<>());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The driver is closed");
        }
    }
}
