package io.tributary.streams.processor;

import io.tributary.streams.state.StateStore;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link Processor} sees of its task: forwarding to children, state stores, punctuation and time. Valid
 * from {@link Processor#init} to {@link Processor#close}; used only from the task's own processing calls.
 *
 * @param <KOut> the type of keys forwarded
 * @param <VOut> the type of values forwarded
 * @since 0.1
 */
public interface ProcessorContext<KOut, VOut> {
    /** The application id ({@code application.id}) this topology runs under. */
    String applicationId();

    /** The task this processor instance belongs to. */
    TaskId taskId();

    /**
     * Where the record being processed was read from; empty inside a punctuation, where there is no input record.
     */
    Optional<RecordMetadata> recordMetadata();

    /** Forwards a record to every child processor, depth first: children finish before this call returns. */
    <K extends KOut, V extends VOut> void forward(Record<K, V> record);

    /**
     * Forwards a record to the child named {@code childName} only.
     *
     * @throws IllegalArgumentException if this processor has no child of that name
     */
    <K extends KOut, V extends VOut> void forward(Record<K, V> record, String childName);

    /**
     * The state store of that name, connected to this processor.
     *
     * @throws IllegalArgumentException if no store of that name is connected to this processor
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Calls {@code punctuator} every {@code interval}: by {@link PunctuationType#STREAM_TIME}, when the task's stream
     * time (largest record timestamp seen) passes the next multiple; by {@link PunctuationType#WALL_CLOCK_TIME}, by
     * the system clock (in the test driver, the driver's mock clock).
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator punctuator);

    /** The task's stream time: the largest timestamp of the records it processed, or -1 before the first one. */
    long currentStreamTimeMs();

    /** The system time (in the test driver, its mock clock). */
    long currentSystemTimeMs();
}
