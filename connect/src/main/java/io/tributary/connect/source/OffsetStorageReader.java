package io.tributary.connect.source;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The source offsets committed for a connector, read when a task starts to resume where it stopped. Answers from
 * the worker's memory (it holds every committed offset of its connectors), so calls do not block on IO.
 *
 * @since 0.1
 */
public interface OffsetStorageReader {
    /** The last committed offset of a source partition, or null if none was committed. */
    @Nullable Map<String, Object> offset(Map<String, ?> partition);

    /** The last committed offsets of the partitions given that have one. */
    Map<Map<String, ?>, Map<String, Object>> offsets(Collection<? extends Map<String, ?>> partitions);
}
