package io.tributary.connect.source;

import java.util.Map;

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
}
