package io.tributary.streams.internal.engine;

import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.RocksDbMemory;
import io.tributary.streams.processor.TaskId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Creates the tasks of a topology and tells which sub-topology reads a topic. Shared by the test driver and the
 * runtime. Owns the RocksDB memory its tasks share; thread-safe.
 */
public final class TaskFactory {
    private final TopologyGraph graph;
    private final StreamsOptions options;
    private final LongSupplier wallClock;
    private final List<Subtopology> subtopologies;
    private final Map<String, Integer> subtopologyByTopic = new HashMap<>();
    private final GlobalStateTask global;
    private final CacheBudget cacheBudget;
    private @Nullable RocksDbMemory rocksDbMemory;

    public TaskFactory(TopologyGraph graph, StreamsOptions options, LongSupplier wallClock) {
        graph.validate();
        this.graph = graph;
        this.options = options;
        this.wallClock = wallClock;
        this.subtopologies = graph.subtopologies();
        this.global = new GlobalStateTask(graph, options);
        this.cacheBudget = new CacheBudget(options.cacheMaxBytes());
        for (Subtopology s : subtopologies) {
            for (String topic : s.sourceTopics()) {
                subtopologyByTopic.put(graph.resolveTopic(options.applicationId(), topic), s.id());
            }
        }
    }

    public List<Subtopology> subtopologies() {
        return subtopologies;
    }

    public TopologyGraph graph() {
        return graph;
    }

    /** Wire topic name to the sub-topology reading it. */
    public Map<String, Integer> subtopologyByTopic() {
        return subtopologyByTopic;
    }

    /** Wire names of the topics sub-topology {@code id} reads. */
    public List<String> sourceTopics(int id) {
        return subtopologies.get(id).sourceTopics().stream()
            .map(t -> graph.resolveTopic(options.applicationId(), t))
            .toList();
    }

    /** The global stores, shared by every task this factory creates. */
    public GlobalStateTask global() {
        return global;
    }

    /** Creates a task; opening its persistent stores is blocking file IO, so never call this on an event loop. */
    public StreamTask create(TaskId id) {
        return new StreamTask(id, graph, subtopologies.get(id.subtopology()), global, options, cacheBudget,
            wallClock, this::rocksDbMemory);
    }

    /** Whether any store of the topology keeps its data on disk (then {@code state.dir} is used). */
    public boolean hasPersistentStores() {
        return graph.stores().values().stream().anyMatch(s -> s.persistent(options.defaultDslStore()));
    }

    /**
     * Creates the application's state directory if the topology has persistent stores. Blocking IO.
     *
     * @throws io.tributary.streams.StreamsException naming the path if {@code state.dir} is not usable
     */
    public void prepareStateDirectory() {
        if (hasPersistentStores()) {
            TaskState.prepare(options);
        }
    }

    /** The RocksDB memory all tasks share, made (and the native library loaded) with the first persistent store. */
    private synchronized RocksDbMemory rocksDbMemory() {
        RocksDbMemory m = rocksDbMemory;
        if (m == null) {
            m = RocksDbMemory.create(options.rocksDbMemoryMaxBytes());
            rocksDbMemory = m;
        }
        return m;
    }

    /** Frees the shared RocksDB memory; call once every task is closed. */
    public synchronized void close() {
        RocksDbMemory m = rocksDbMemory;
        rocksDbMemory = null;
        if (m != null) {
            m.close();
        }
    }
}
