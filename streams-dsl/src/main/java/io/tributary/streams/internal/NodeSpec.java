package io.tributary.streams.internal;

import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serializer;
import io.tributary.streams.processor.ProcessorSupplier;
import io.tributary.streams.processor.TimestampExtractor;
import io.tributary.streams.processor.TopicNameExtractor;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A node of the topology graph, as declared; tasks instantiate it. Null (de)serializers mean the
 * application's default serdes. */
public sealed interface NodeSpec permits NodeSpec.Source, NodeSpec.Processor, NodeSpec.Sink {
    String name();

    List<String> parents();

    /** Reads {@code topics} (raw names: internal topics without the application id prefix). */
    record Source(String name, List<String> topics, @Nullable Deserializer<?> keyDeserializer,
                  @Nullable Deserializer<?> valueDeserializer, @Nullable TimestampExtractor timestampExtractor)
        implements NodeSpec {
        @Override
        public List<String> parents() {
            return List.of();
        }
    }

    /** Runs a processor from {@code supplier} on what its parents forward. */
    record Processor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, List<String> parents) implements NodeSpec {
    }

    /** Writes what its parents forward to {@code topic}, or to the topic {@code extractor} picks. */
    record Sink(String name, @Nullable String topic, @Nullable TopicNameExtractor<?, ?> extractor,
                @Nullable Serializer<?> keySerializer, @Nullable Serializer<?> valueSerializer, List<String> parents)
        implements NodeSpec {
    }
}
