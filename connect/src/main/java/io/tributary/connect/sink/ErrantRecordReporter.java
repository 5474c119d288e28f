package io.tributary.connect.sink;

import reactor.core.publisher.Mono;

/**
 * Reports a record the task could not write, under the connector's error handling: with
 * {@code errors.tolerance=all} it is logged and sent to the dead-letter topic and the task goes on; with
 * {@code none} the returned Mono fails and the task should fail too.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ErrantRecordReporter {
    /** Completes once the record is reported (written to the dead-letter topic, if one is configured). */
    Mono<Void> report(SinkRecord record, Throwable error);
}
