package io.tributary.connect.internal.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Logs failures at ERROR level ({@code errors.log.enable}), with the record's content only if
 * {@code errors.log.include.messages} (records may hold personal data that has no place in logs).
 */
public final class LogReporter implements ErrorReporter {
    private static final Logger LOG = LoggerFactory.getLogger(LogReporter.class);

    private final boolean includeMessages;

    public LogReporter(boolean includeMessages) {
        this.includeMessages = includeMessages;
    }

    @Override
    public Mono<Void> report(ProcessingFailure failure) {
        return Mono.fromRunnable(() -> LOG.error(message(failure), failure.error()));
    }

    String message(ProcessingFailure f) {
        StringBuilder b = new StringBuilder("Error encountered in task ").append(f.task())
            .append(". Executing stage '").append(f.stage())
            .append("' with class '").append(f.executingClass()).append('\'');
        if (includeMessages) {
            b.append(", where ").append(f.record().description());
        }
        return b.append('.').toString();
    }
}
