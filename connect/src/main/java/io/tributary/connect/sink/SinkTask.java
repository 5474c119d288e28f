package io.tributary.connect.sink;

import io.tributary.common.TopicPartition;
import io.tributary.connect.Task;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes records from Kafka into another system. The runtime hands it one batch at a time through {@link #put}
 * and waits for the returned Mono before the next: a slow system slows consumption, nothing piles up. Offsets are
 * committed for what {@link #preCommit} says is flushed, periodically ({@code offset.flush.interval.ms}) and when
 * partitions are revoked.
 *
 * <p>Threading: calls come from one runtime thread at a time, never an event loop; a task that blocks on IO
 * should do so on {@code Schedulers.boundedElastic()} inside the returned Mono.
 *
 * @since 0.1
 */
public abstract class SinkTask implements Task {
    private @Nullable SinkTaskContext context;

    /** Called once by the runtime, before {@link #start}. */
    public void initialize(SinkTaskContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The context given at {@link #initialize}. @throws IllegalStateException before it */
    protected SinkTaskContext context() {
        if (context == null) {
            throw new IllegalStateException("The task has not been initialized");
        }
        return context;
    }

    /**
     * Writes (or buffers) a batch; completes when the task can take the next. A
     * {@link io.tributary.connect.errors.RetriableConnectException} makes the runtime offer the same batch again
     * after a backoff; any other error fails the task.
     */
    public abstract Mono<Void> put(List<SinkRecord> records);

    /**
     * Which offsets may be committed, given the next offset to read per partition after everything delivered;
     * by default {@link #flush flushes} and returns them all. Return less to commit less (a task that writes
     * asynchronously); an empty map commits nothing.
     */
    public Mono<Map<TopicPartition, Long>> preCommit(Map<TopicPartition, Long> currentOffsets) {
        return flush(currentOffsets).thenReturn(currentOffsets);
    }

    /** Makes everything put so far durable in the target system. */
    public Mono<Void> flush(Map<TopicPartition, Long> currentOffsets) {
        return Mono.empty();
    }

    /** Partitions were assigned to this task; records of them follow. */
    public void open(Collection<TopicPartition> partitions) {
    }

    /** Partitions are taken away (after a final commit); drop what is buffered for them. */
    public void close(Collection<TopicPartition> partitions) {
    }
}
