package io.tributary.streams.internal.dsl;

import io.tributary.streams.processor.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs records an operator skips (null keys, late records), with where they came from. */
final class Dropped {
    private static final Logger LOG = LoggerFactory.getLogger(Dropped.class);

    private Dropped() {
    }

    static void log(ProcessorContext<?, ?> context, String operator, String why) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} skipped a record ({}) from {} in task {}", operator, why,
                context.recordMetadata().map(Object::toString).orElse("a punctuation"), context.taskId());
        }
    }
}
