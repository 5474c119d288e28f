package io.tributary.connect.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.connect.sink.ErrantRecordReporter;
import io.tributary.connect.sink.SinkTaskContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;

/**
 * What a sink task asks of its runtime. Requests (rewinds, pauses, commits) are queued and applied by the runtime on
 * the task's thread between batches, as Kafka Connect applies them between polls; each request also wakes the
 * runtime so that it is applied even when no records arrive. Thread-safe.
 */
final class WorkerSinkTaskContext implements SinkTaskContext {
    /** A request to apply on the task's thread. */
    sealed interface Request permits Rewind, Pause, Resume {
    }

    record Rewind(Map<TopicPartition, Long> offsets) implements Request {
    }

    record Pause(List<TopicPartition> partitions) implements Request {
    }

    record Resume(List<TopicPartition> partitions) implements Request {
    }

    private final Map<String, String> configs;
    private final SinkPartitions partitions;
    private final ErrantRecordReporter reporter;
    private final Sinks.Many<Object> wakeUps;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean commitRequested = new AtomicBoolean();

    /** @param wakeUps where a request is signalled to the runtime's event stream */
    WorkerSinkTaskContext(Map<String, String> configs, SinkPartitions partitions, ErrantRecordReporter reporter,
                          Sinks.Many<Object> wakeUps) {
        this.configs = Map.copyOf(configs);
        this.partitions = partitions;
        this.reporter = reporter;
        this.wakeUps = wakeUps;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, offset) -> {
            if (offset == null || offset < 0) {
                throw new IllegalArgumentException("Offset of " + tp + " must not be negative, was " + offset);
            }
        });
        request(new Rewind(Map.copyOf(offsets)));
    }

    @Override
    public Set<TopicPartition> assignment() {
        return partitions.assigned();
    }

    @Override
    public void pause(TopicPartition... partitions) {
        request(new Pause(List.of(partitions)));
    }

    @Override
    public void resume(TopicPartition... partitions) {
        request(new Resume(List.of(partitions)));
    }

    @Override
    public void requestCommit() {
        commitRequested.set(true);
        wakeUp();
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return reporter;
    }

    private void request(Request r) {
        requests.add(r);
        wakeUp();
    }

    private void wakeUp() {
        emit(wakeUps, WakeUp.INSTANCE);
    }

    /** Emits into a sink that several threads emit into: one at a time, as sinks require. */
    static void emit(Sinks.Many<Object> sink, Object event) {
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
    }

    /** The next queued request, or null. */
    @Nullable Request poll() {
        return requests.poll();
    }

    /** Whether a commit was requested since the last call. */
    boolean takeCommitRequest() {
        return commitRequested.getAndSet(false);
    }

    /** The signal that requests are waiting. */
    enum WakeUp {
        INSTANCE
    }
}
