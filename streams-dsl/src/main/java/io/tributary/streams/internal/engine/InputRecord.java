package io.tributary.streams.internal.engine;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A record read from a topic, still serialized; {@code topic} is the name on the wire. */
public record InputRecord(String topic, int partition, long offset, byte @Nullable [] key, byte @Nullable [] value,
                          long timestamp,
                          List<Header> headers) {
}
