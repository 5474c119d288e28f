package io.tributary.connect.internal.errors;

import reactor.core.publisher.Mono;

/** Reports failed records somewhere: the log, a dead-letter topic. Implementations are thread-safe. */
public interface ErrorReporter {
    /** Completes once reported; fails if the report could not be made (the task then fails). */
    Mono<Void> report(ProcessingFailure failure);

    /** Releases what the reporter holds; completes once reports in flight are done. */
    default Mono<Void> close() {
        return Mono.empty();
    }
}
