package io.tributary.connect.source;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a running source task can ask of its worker.
 *
 * @since 0.1
 */
public interface SourceTaskContext {
    /** The task's configuration. */
    Map<String, String> configs();

    /** The committed source offsets of this task's connector. */
    OffsetStorageReader offsetStorageReader();

    /**
     * Where the task ends its transactions: present only on an exactly-once worker with
     * {@code transaction.boundary=connector}, null otherwise.
     */
    default @Nullable TransactionContext transactionContext() {
        return null;
    }
}
