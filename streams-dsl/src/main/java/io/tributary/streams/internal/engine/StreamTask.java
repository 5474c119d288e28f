package io.tributary.streams.internal.engine;

import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serde;
import io.tributary.serdes.Serializer;
import io.tributary.streams.ErrorHandling;
import io.tributary.streams.StreamsException;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.NodeSpec;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.RestorableStore;
import io.tributary.streams.internal.state.RocksDbMemory;
import io.tributary.streams.internal.state.StoreFactory;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.PunctuationType;
import io.tributary.streams.processor.Record;
import io.tributary.streams.processor.RecordMetadata;
import io.tributary.streams.processor.TaskId;
import io.tributary.streams.processor.TimestampExtractor;
import io.tributary.streams.processor.TopicNameExtractor;
import io.tributary.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of one sub-topology: its processor instances and stores. Processes one record at a time, depth
 * first through the nodes; tracks stream time (the largest timestamp seen) and fires punctuations; collects the
 * serialized sink and changelog records for its caller to write. The test driver and the runtime both run tasks
 * through this class. Not thread-safe: the caller runs each task on one thread at a time.
 */
public final class StreamTask {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    private final TaskId id;
    private final StreamsOptions options;
    private final RecordCollector collector = new RecordCollector();
    private final TaskContext context;
    private final Map<String, SourceInfo> sources = new LinkedHashMap<>();
    private final List<ProcessorNode> nodes = new ArrayList<>();
    private final Map<String, RestorableStore> stores = new LinkedHashMap<>();
    private final Map<String, String> changelogTopics = new LinkedHashMap<>();
    private final TaskState state;

    StreamTask(TaskId id, TopologyGraph graph, Subtopology subtopology, GlobalStateTask global,
               StreamsOptions options, CacheBudget cacheBudget, LongSupplier wallClock,
               Supplier<RocksDbMemory> rocksDbMemory) {
        this.id = id;
        this.options = options;
        this.state = new TaskState(id, options, rocksDbMemory);
        this.context = new TaskContext(id, options, collector, cacheBudget, wallClock, state,
            this::cachedUpdateFailed);
        String app = options.applicationId();
        try {
            for (String storeName : subtopology.stores()) {
                StoreFactory factory = graph.stores().get(storeName);
                RestorableStore store = factory.create(context);
                stores.put(storeName, store);
                context.registerStore(store);
                if (factory.loggingEnabled()) {
                    changelogTopics.put(storeName, TopologyGraph.changelogTopic(app, storeName));
                }
            }
        } catch (RuntimeException e) {
            closeStores();   // those opened before the failing one would keep their native handles and file locks
            throw e;
        }
        // Shared, read-only here: not in stores(), so neither restored nor logged by the task.
        global.stores().values().forEach(store -> context.registerStore(store instanceof KeyValueStore<?, ?> kv
            ? new ReadOnlyGlobalStore<>(kv) : store));
        Map<String, ProcessorNode> byName = new LinkedHashMap<>();
        for (String name : subtopology.nodes()) {
            NodeSpec spec = graph.nodes().get(name);
            ProcessorNode node = new ProcessorNode(name, instantiate(spec, graph), graph.storesOf(name));
            byName.put(name, node);
            nodes.add(node);
            spec.parents().forEach(parent -> byName.get(parent).addChild(node));
            if (spec instanceof NodeSpec.Source source) {
                for (String topic : source.topics()) {
                    sources.put(graph.resolveTopic(app, topic), new SourceInfo(node,
                        deserializer(source.keyDeserializer(), options.defaultKeySerde(), name, "key"),
                        deserializer(source.valueDeserializer(), options.defaultValueSerde(), name, "value"),
                        source.timestampExtractor() != null ? source.timestampExtractor()
                            : options.timestampExtractor()));
                }
            }
        }
        for (ProcessorNode node : nodes) {
            context.setCurrentNode(node);
            node.processor().init(context);
        }
        context.setCurrentNode(null);
    }

    public TaskId id() {
        return id;
    }

    /** The wire names of the topics this task reads. */
    public List<String> sourceTopics() {
        return List.copyOf(sources.keySet());
    }

    /** The task's stores by name. */
    public Map<String, RestorableStore> stores() {
        return stores;
    }

    /** Changelog topic (wire name) per logged store. */
    public Map<String, String> changelogTopics() {
        return changelogTopics;
    }

    public long streamTime() {
        return context.currentStreamTimeMs();
    }

    /**
     * Processes one input record, then fires the stream-time punctuations it made due.
     *
     * @throws StreamsException for a record that cannot be deserialized or processed, unless the options say
     *                          to log and continue
     */
    public void process(InputRecord input) {
        SourceInfo source = sources.get(input.topic());
        if (source == null) {
            throw new IllegalArgumentException("Task " + id + " does not read topic " + input.topic());
        }
        RecordMetadata origin = new RecordMetadata(input.topic(), input.partition(), input.offset());
        Record<Object, Object> record;
        try {
            Object key = source.keyDeserializer().deserialize(input.topic(), input.headers(), input.key());
            Object value = source.valueDeserializer().deserialize(input.topic(), input.headers(), input.value());
            record = new Record<>(key, value, Math.max(0, input.timestamp()), input.headers());
        } catch (RuntimeException e) {
            handle(options.deserializationErrorHandling(), "deserialize", origin, input, e);
            return;
        }
        try {
            long timestamp = eventTime(source.timestampExtractor(), record, input.timestamp());
            context.advanceStreamTime(timestamp);
            context.setRecord(origin, timestamp);
            context.setInput(input);
            context.setCurrentNode(source.node());
            source.node().process(record.withTimestamp(timestamp));
        } catch (RuntimeException e) {
            handle(options.processingErrorHandling(), "process", origin, input, e);
        } finally {
            context.setCurrentNode(null);
            context.setRecord(null, -1);
            context.setInput(null);
        }
        punctuate(PunctuationType.STREAM_TIME, context.currentStreamTimeMs());
        if (context.recordCache().overBudget()) {
            flushCache();   // eviction: the instance's caches are full, this task's updates go out with this record
        }
    }

    /** Fires the wall-clock punctuations due at {@code now}. */
    public void punctuateWallClock(long now) {
        punctuate(PunctuationType.WALL_CLOCK_TIME, now);
    }

    /** Whether updates of this task may wait in its record cache until {@link #flushCache()}. */
    public boolean cachesUpdates() {
        return context.recordCache().active();
    }

    /**
     * Forwards the record cache's held updates and hands its held changelog writes to the outputs: on commit, so
     * that nothing processed waits in the cache when offsets are committed. Each update goes downstream in the record
     * context of the input that made it; one failing there is handled as that input's processing failure.
     *
     * @throws StreamsException for an update that fails downstream, unless the options say to log and continue
     */
    public void flushCache() {
        context.recordCache().flush(context);
    }

    /** The records produced since the last call: sink records and changelog records, in the order made. */
    public List<OutputRecord> drainOutputs() {
        return collector.drain();
    }

    /**
     * The changelog offset a persistent store's files were checkpointed at: its restore starts there. Null for
     * in-memory stores and stores without a usable checkpoint, which restore the whole changelog.
     */
    public @Nullable Long checkpointedOffset(String storeName) {
        return state.checkpointedOffset(storeName);
    }

    /**
     * The local copy of {@code storeName} reflects its changelog up to {@code nextOffset}: it was restored to there,
     * or a write of it was acknowledged there. Thread-safe (called from the producer's thread).
     */
    public void changelogAt(String storeName, long nextOffset) {
        state.changelogAt(storeName, nextOffset);
    }

    /** Whether the task keeps stores on disk (then closing and checkpointing do blocking file IO). */
    public boolean hasPersistentStores() {
        return state.hasPersistentStores();
    }

    /**
     * Flushes the persistent stores and records the changelog offsets they reflect, so that a restart restores only
     * what was written after. Blocking IO; a no-op for tasks without persistent stores.
     */
    public void checkpoint() {
        if (state.hasPersistentStores()) {
            Map<String, Long> offsets = state.offsetsToCheckpoint();
            stores.values().forEach(RestorableStore::flush);
            state.writeCheckpoint(offsets);
        }
    }

    /** Applies one changelog record to a store (restore), without logging it again. */
    public void restore(String storeName, byte @Nullable [] key, byte @Nullable [] value, long timestamp) {
        if (key == null) {
            return;
        }
        stores.get(storeName).restore(key, value, timestamp);
    }

    /** Closes the task cleanly: with a checkpoint of its persistent stores (see {@link #close(boolean)}). */
    public void close() {
        close(true);
    }

    /**
     * Closes the processors, then the stores: in-memory contents and what the cache holds are dropped, persistent
     * stores keep their files, with a checkpoint if {@code checkpoint} (not for a task lost, or closed dirty under
     * exactly-once, whose files may not match the committed changelog). Blocking IO if it has persistent stores.
     */
    public void close(boolean checkpoint) {
        context.recordCache().release();
        for (ProcessorNode node : nodes) {
            try {
                node.processor().close();
            } catch (RuntimeException e) {
                LOG.warn("Processor {} of task {} failed to close", node.name(), id, e);
            }
        }
        try {
            if (checkpoint) {
                checkpoint();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not checkpoint task {}; its persistent stores will be restored in full", id, e);
        } finally {
            closeStores();
        }
    }

    private void closeStores() {
        for (RestorableStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.warn("Store {} of task {} failed to close", store.name(), id, e);
            }
        }
    }

    private void punctuate(PunctuationType type, long now) {
        context.punctuations().fire(type, now, (node, run) -> {
            context.setCurrentNode(node);
            context.setRecord(null, now);
            try {
                run.run();
            } catch (RuntimeException e) {
                handle(options.processingErrorHandling(), "punctuate in " + node.name(), null, null, e);
            } finally {
                context.setCurrentNode(null);
                context.setRecord(null, -1);
            }
        });
    }

    private static long eventTime(@Nullable TimestampExtractor extractor, Record<Object, Object> record,
                                  long recordTimestamp) {
        long t = extractor == null ? recordTimestamp : extractor.extract(record, -1);
        if (t < 0) {
            throw new StreamsException("Record has a negative event time " + t + "; records need a timestamp, "
                + "or set a TimestampExtractor that gives one");
        }
        return t;
    }

    /** A cached update failed downstream while a flush forwarded it: a processing failure of the input that made it. */
    private void cachedUpdateFailed(@Nullable InputRecord input, RuntimeException e) {
        RecordMetadata origin = input == null ? null
            : new RecordMetadata(input.topic(), input.partition(), input.offset());
        handle(options.processingErrorHandling(), "forward the cached update of", origin, input, e);
    }

    private void handle(ErrorHandling handling, String what, @Nullable RecordMetadata origin,
                        @Nullable InputRecord input, RuntimeException e) {
        String where = origin == null ? "task " + id
            : "record " + origin.topic() + "-" + origin.partition() + "@" + origin.offset() + " in task " + id;
        if (handling == ErrorHandling.LOG_AND_CONTINUE && !(e instanceof FatalProcessingException)) {
            String deadLetterTopic = options.deadLetterTopic();
            if (deadLetterTopic != null && input != null) {
                // Goes out with the task's other outputs, before the input's offset can be committed.
                collector.add(DeadLetters.of(deadLetterTopic, input, e));
            }
            LOG.warn("Failed to {} {}; skipping it (log-and-continue)", what, where, e);
            return;
        }
        throw new StreamsException("Failed to " + what + " " + where + ": " + e.getMessage(), e);
    }

    @SuppressWarnings("unchecked")
    private Processor<Object, Object, Object, Object> instantiate(NodeSpec spec, TopologyGraph graph) {
        if (spec instanceof NodeSpec.Source) {
            return new Processor<>() {
                private io.tributary.streams.processor.ProcessorContext<Object, Object> ctx;

                @Override
                public void init(io.tributary.streams.processor.ProcessorContext<Object, Object> c) {
                    ctx = c;
                }

                @Override
                public void process(Record<Object, Object> record) {
                    ctx.forward(record);
                }
            };
        }
        if (spec instanceof NodeSpec.Processor p) {
            Processor<Object, Object, Object, Object> processor =
                (Processor<Object, Object, Object, Object>) p.supplier().get();
            if (processor == null) {
                throw new TopologyMisuse("The supplier of processor " + p.name() + " returned null");
            }
            return processor;
        }
        NodeSpec.Sink sink = (NodeSpec.Sink) spec;
        String app = options.applicationId();
        return new SinkProcessor(sink.topic(), (TopicNameExtractor<Object, Object>) sink.extractor(),
            t -> graph.resolveTopic(app, t),
            serializer(sink.keySerializer(), options.defaultKeySerde(), sink.name(), "key"),
            serializer(sink.valueSerializer(), options.defaultValueSerde(), sink.name(), "value"),
            collector);
    }

    @SuppressWarnings("unchecked")
    private static Deserializer<Object> deserializer(@Nullable Deserializer<?> own, @Nullable Serde<?> fallback,
                                                     String node, String which) {
        if (own != null) {
            return (Deserializer<Object>) own;
        }
        if (fallback != null) {
            return (Deserializer<Object>) fallback.deserializer();
        }
        throw missingSerde(node, which);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializer(@Nullable Serializer<?> own, @Nullable Serde<?> fallback,
                                                 String node, String which) {
        if (own != null) {
            return (Serializer<Object>) own;
        }
        if (fallback != null) {
            return (Serializer<Object>) fallback.serializer();
        }
        throw missingSerde(node, which);
    }

    private static TopologyMisuse missingSerde(String node, String which) {
        return new TopologyMisuse("Node " + node + " has no " + which + " serde: give one (Consumed.with, "
            + "Produced.with, Grouped.with, ...) or set StreamsOptions.default" + (which.equals("key") ? "Key"
            : "Value") + "Serde");
    }

    /** A topology that cannot be instantiated as declared. */
    static final class TopologyMisuse extends StreamsException {
        private static final long serialVersionUID = 1L;

        TopologyMisuse(String message) {
            super(message);
        }
    }
}
