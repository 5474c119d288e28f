package io.tributary.streams.internal.engine;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A serialized record a task wants written: to a sink topic (partition chosen by the producer's partitioner from the
 * key) or to a changelog (the task's own partition).
 *
 * @param changelog whether this is a store's changelog record
 */
public record OutputRecord(String topic, @Nullable Integer partition, byte @Nullable [] key,
                           byte @Nullable [] value, long timestamp, List<Header> headers, boolean changelog) {
}
