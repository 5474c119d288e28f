package io.tributary.streams.internal.engine;

import io.tributary.serdes.Deserializer;
import io.tributary.streams.processor.TimestampExtractor;
import org.jspecify.annotations.Nullable;

/** How a task reads one source topic: deserializers, event-time extractor, the node records enter at. */
record SourceInfo(ProcessorNode node, Deserializer<Object> keyDeserializer, Deserializer<Object> valueDeserializer,
                  @Nullable TimestampExtractor timestampExtractor) {
}
