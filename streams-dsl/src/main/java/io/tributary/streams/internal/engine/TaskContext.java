package io.tributary.streams.internal.engine;

import static java.util.Objects.requireNonNull;

import io.tributary.serdes.Serde;
import io.tributary.streams.Materialized;
import io.tributary.streams.StreamsOptions;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.internal.state.BytesStore;
import io.tributary.streams.internal.state.ChangeLogger;
import io.tributary.streams.internal.state.StoreContext;
import io.tributary.streams.processor.Cancellable;
import io.tributary.streams.processor.ProcessorContext;
import io.tributary.streams.processor.PunctuationType;
import io.tributary.streams.processor.Punctuator;
import io.tributary.streams.processor.Record;
import io.tributary.streams.processor.RecordMetadata;
import io.tributary.streams.processor.TaskId;
import io.tributary.streams.state.StateStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The processor context of one task: tracks the node being run, the record being processed and stream time. One
 * instance serves all of a task's processors, since a task runs one node at a time. Owned by one task.
 */
final class TaskContext implements ProcessorContext<Object, Object>, StoreContext {
    /** Handles a failure downstream of a cached update forwarded at flush; {@code input}: the input that made it. */
    @FunctionalInterface
    interface CachedUpdateErrors {
        void failed(@Nullable InputRecord input, RuntimeException error);
    }

    private final TaskId taskId;
    private final StreamsOptions options;
    private final RecordCollector collector;
    private final RecordCache recordCache;
    private final LongSupplier wallClock;
    private final TaskState state;
    private final Punctuations punctuations = new Punctuations();
    private final Map<String, StateStore> stores = new HashMap<>();
    private final CachedUpdateErrors cachedUpdateErrors;
    private @Nullable ProcessorNode currentNode;
    private @Nullable RecordMetadata currentRecord;
    /** The input being processed, or whose cached update is being forwarded; null in punctuations. */
    private @Nullable InputRecord currentInput;
    private long recordTimestamp = -1;
    private long streamTime = -1;

    TaskContext(TaskId taskId, StreamsOptions options, RecordCollector collector, CacheBudget cacheBudget,
                LongSupplier wallClock, TaskState state, CachedUpdateErrors cachedUpdateErrors) {
        this.taskId = taskId;
        this.cachedUpdateErrors = cachedUpdateErrors;
        this.state = state;
        this.options = options;
        this.collector = collector;
        this.recordCache = new RecordCache(cacheBudget, collector);
        this.wallClock = wallClock;
    }

    RecordCache recordCache() {
        return recordCache;
    }

    void registerStore(StateStore store) {
        stores.put(store.name(), store);
    }

    Map<String, StateStore> stores() {
        return stores;
    }

    Punctuations punctuations() {
        return punctuations;
    }

    void setCurrentNode(@Nullable ProcessorNode node) {
        currentNode = node;
    }

    @Nullable ProcessorNode currentNode() {
        return currentNode;
    }

    void setRecord(@Nullable RecordMetadata record, long timestamp) {
        currentRecord = record;
        recordTimestamp = timestamp;
    }

    void setInput(@Nullable InputRecord input) {
        currentInput = input;
    }

    @Nullable InputRecord currentInput() {
        return currentInput;
    }

    /**
     * Forwards a cached update at flush from the current node (its owner), in the record context of the input that
     * made it ({@code origin}; null for an update made by a punctuation), as Kafka Streams' cache does. A failure
     * downstream is that input's processing failure: the task's error handling decides, and under log-and-continue
     * only this update is skipped and the flush goes on.
     */
    void forwardCached(Record<?, ?> update, @Nullable InputRecord origin) {
        RecordMetadata previousRecord = currentRecord;
        InputRecord previousInput = currentInput;
        currentRecord = origin == null ? null : new RecordMetadata(origin.topic(), origin.partition(), origin.offset());
        currentInput = origin;
        try {
            forward(update);
        } catch (RuntimeException e) {
            cachedUpdateErrors.failed(origin, e);
        } finally {
            currentRecord = previousRecord;
            currentInput = previousInput;
        }
    }

    void advanceStreamTime(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    @Override
    public String applicationId() {
        return options.applicationId();
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return Optional.ofNullable(currentRecord);
    }

    @Override
    public <K, V> void forward(Record<K, V> record) {
        requireNonNull(record, "record");
        ProcessorNode from = requireNonNull(currentNode, "forward outside of process or punctuate");
        for (ProcessorNode child : from.children()) {
            forwardTo(from, child, record);
        }
    }

    @Override
    public <K, V> void forward(Record<K, V> record, String childName) {
        requireNonNull(record, "record");
        ProcessorNode from = requireNonNull(currentNode, "forward outside of process or punctuate");
        forwardTo(from, from.child(childName), record);
    }

    @SuppressWarnings("unchecked")
    private void forwardTo(ProcessorNode from, ProcessorNode child, Record<?, ?> record) {
        long previousTimestamp = recordTimestamp;
        currentNode = child;
        // Downstream stores log writes with the timestamp of the record they process.
        recordTimestamp = record.timestamp();
        try {
            child.process((Record<Object, Object>) record);
        } finally {
            currentNode = from;
            recordTimestamp = previousTimestamp;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        ProcessorNode node = requireNonNull(currentNode, "getStateStore outside of init, process or punctuate");
        if (!node.stores().contains(name)) {
            throw new IllegalArgumentException("Processor " + node.name() + " has no access to store " + name
                + "; connect it with addStateStore/connectProcessorAndStateStores (its stores: " + node.stores()
                + ")");
        }
        return (S) stores.get(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator punctuator) {
        requireNonNull(interval, "interval");
        requireNonNull(type, "type");
        requireNonNull(punctuator, "punctuator");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("A punctuation interval must be at least 1 ms, was " + interval);
        }
        ProcessorNode node = requireNonNull(currentNode, "schedule outside of init, process or punctuate");
        return punctuations.schedule(node, interval.toMillis(), type, punctuator, wallClock.getAsLong());
    }

    @Override
    public long currentStreamTimeMs() {
        return streamTime;
    }

    @Override
    public long currentSystemTimeMs() {
        return wallClock.getAsLong();
    }

    @Override
    public ChangeLogger changeLogger(String storeName) {
        String topic = TopologyGraph.changelogTopic(options.applicationId(), storeName);
        int partition = taskId.partition();
        return (key, value, timestamp) -> {
            OutputRecord write = new OutputRecord(topic, partition, key, value, timestamp, List.of(), true);
            if (!recordCache.hold(storeName, write)) {
                collector.add(write);
            }
        };
    }

    @Override
    public long recordTimestamp() {
        return recordTimestamp;
    }

    @Override
    public @Nullable Serde<?> defaultKeySerde() {
        return options.defaultKeySerde();
    }

    @Override
    public @Nullable Serde<?> defaultValueSerde() {
        return options.defaultValueSerde();
    }

    @Override
    public Materialized.StoreType defaultStoreType() {
        return options.defaultDslStore();
    }

    @Override
    public BytesStore openPersistent(String storeName, boolean logged) {
        return state.open(storeName, logged);
    }
}
