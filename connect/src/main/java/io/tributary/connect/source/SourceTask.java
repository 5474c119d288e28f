package io.tributary.connect.source;

import io.tributary.common.TopicPartition;
import io.tributary.connect.Task;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Reads records from another system. The runtime subscribes to {@link #records()} once per start and requests
 * records as fast as they are written to Kafka (backpressure: a task should read no further ahead than requested).
 * After records are written, their source offsets are committed, periodically and on stop; after a restart the
 * task reads its offsets through {@link SourceTaskContext#offsetStorageReader()} and resumes after them.
 *
 * <p>Threading: the runtime subscribes on a worker thread of its own; a task that blocks on IO should emit from
 * a scheduler meant for it ({@code Schedulers.boundedElastic()}), never from a Netty event loop.
 *
 * @since 0.1
 */
public abstract class SourceTask implements Task {
    private @Nullable SourceTaskContext context;

    /** Called once by the runtime, before {@link #start}. */
    public void initialize(SourceTaskContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The context given at {@link #initialize}. @throws IllegalStateException before it */
    protected SourceTaskContext context() {
        if (context == null) {
            throw new IllegalStateException("The task has not been initialized");
        }
        return context;
    }

    /**
     * The records read, in the order their offsets advance within each source partition. Completing means the
     * source has nothing more (the task stays RUNNING and idle until stopped); an error fails the task, unless it
     * is a {@link io.tributary.connect.errors.RetriableConnectException}, after which the runtime subscribes
     * again (with backoff) once the offsets of everything written are committed.
     */
    public abstract Flux<SourceRecord> records();

    /**
     * Called after {@code record} was written to Kafka (or dropped by a transform or filter: then
     * {@code written} is null); e.g. to acknowledge it in the source system. Must not block.
     */
    public void commitRecord(SourceRecord record, @Nullable Written written) {
    }

    /** Where a record was written. */
    public record Written(TopicPartition partition, long offset) {
    }
}
