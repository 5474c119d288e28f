package io.tributary.connect.internal.errors;

import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.errors.ApiException;
import io.tributary.errors.RetriableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Runs a task's per-record operations (conversions, transforms) under the connector's {@code errors.*} settings:
 * a retriable failure is attempted again with exponential backoff (300 ms doubling up to
 * {@code errors.retry.delay.max.ms}) for at most {@code errors.retry.timeout}; a failure that remains is reported
 * to every reporter (log, dead-letter topic), then skipped with {@code errors.tolerance=all}, or fails the task with
 * {@link ToleranceExceededException} with {@code none}. Retries run on the task's scheduler, so operations never
 * move to a non-blocking thread. Thread-safe; owned by one task.
 */
public final class RetryWithToleranceOperator {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(300);

    private final ConnectorTaskId task;
    private final ErrorHandlingConfig config;
    private final List<ErrorReporter> reporters;
    private final Scheduler scheduler;

    public RetryWithToleranceOperator(ConnectorTaskId task, ErrorHandlingConfig config, List<ErrorReporter> reporters,
                                      Scheduler scheduler) {
        this.task = task;
        this.config = config;
        this.reporters = List.copyOf(reporters);
        this.scheduler = scheduler;
    }

    public ErrorHandlingConfig config() {
        return config;
    }

    /** Whether {@code error} is worth another attempt. */
    public static boolean isRetriable(Throwable error) {
        return error instanceof RetriableConnectException || error instanceof RetriableException
            || error instanceof ApiException api && api.retriable();
    }

    /**
     * Runs {@code operation}: emits its result, or nothing if it returned null (a transform dropped the record) or
     * failed and was tolerated. Lazy.
     *
     * @param executing the name of the class that does the work, as reports name it
     * @param record    describes the record, asked only on failure
     */
    public <T> Mono<T> execute(Stage stage, String executing, Callable<@Nullable T> operation,
                               Supplier<ErrantRecord> record) {
        return execute(stage, e -> executing, operation, record);
    }

    /**
     * Runs {@code operation} as {@link #execute(Stage, String, Callable, Supplier)} does, naming the failing class
     * from the error (a transform chain learns which of its transforms threw from the stack trace).
     */
    public <T> Mono<T> execute(Stage stage, Function<Throwable, String> executing, Callable<@Nullable T> operation,
                               Supplier<ErrantRecord> record) {
        return Mono.defer(() -> {
            try {
                return Mono.justOrEmpty(operation.call());   // the common case: no retry machinery at all
            } catch (Exception e) {
                if (!isRetriable(e) || config.retryTimeout().isZero()) {
                    return this.<T>fail(stage, executing.apply(e), e, record);
                }
                return Mono.fromCallable(operation)
                    .retryWhen(backoff())
                    .onErrorResume(Exception.class, last -> fail(stage, executing.apply(last), last, record));
            }
        });
    }

    private Retry backoff() {
        boolean forever = config.retryTimeout().isNegative();
        long deadline = System.nanoTime() + config.retryTimeout().toNanos();
        return Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF)
            .maxBackoff(config.retryDelayMax())
            .scheduler(scheduler)
            .filter(e -> isRetriable(e) && (forever || System.nanoTime() - deadline < 0))
            .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /**
     * Handles a failure that already happened (a record a sink task reported, a failed write): reports it and
     * completes if tolerated, or fails with {@link ToleranceExceededException}.
     */
    public Mono<Void> handle(Stage stage, String executing, Throwable error, ErrantRecord record) {
        return fail(stage, executing, error, () -> record);
    }

    private <T> Mono<T> fail(Stage stage, String executing, Throwable error, Supplier<ErrantRecord> record) {
        ProcessingFailure failure = new ProcessingFailure(task, stage, executing, error, record.get());
        Mono<Void> reported = Flux.fromIterable(reporters)
            .concatMap(r -> r.report(failure))
            .then();
        if (config.tolerateAll()) {
            return reported.then(Mono.empty());
        }
        return reported.then(Mono.error(new ToleranceExceededException("Tolerance exceeded in error handler",
            error)));
    }

    /** Closes the reporters. */
    public Mono<Void> close() {
        return Flux.fromIterable(reporters)
            .concatMap(r -> r.close().onErrorResume(e -> Mono.empty()))
            .then();
    }
}
