package io.tributary.streams.internal.engine;

import io.tributary.common.Header;
import io.tributary.serdes.Serializer;
import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.Record;
import io.tributary.streams.processor.TopicNameExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Serializes what reaches a sink and hands it to the task's collector; the producer picks the partition. */
final class SinkProcessor implements Processor<Object, Object, Object, Object> {
    private final @Nullable String topic;
    private final @Nullable TopicNameExtractor<Object, Object> extractor;
    private final Function<String, String> resolve;
    private final Serializer<Object> keySerializer;
    private final Serializer<Object> valueSerializer;
    private final RecordCollector collector;

    SinkProcessor(@Nullable String topic, @Nullable TopicNameExtractor<Object, Object> extractor,
                  Function<String, String> resolve, Serializer<Object> keySerializer,
                  Serializer<Object> valueSerializer, RecordCollector collector) {
        this.topic = topic;
        this.extractor = extractor;
        this.resolve = resolve;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.collector = collector;
    }

    @Override
    public void process(Record<Object, Object> record) {
        String target = topic != null ? resolve.apply(topic) : extractor.extract(record);
        if (target == null || target.isEmpty()) {
            throw new IllegalStateException("The topic name extractor returned no topic for key " + record.key());
        }
        List<Header> headers = new ArrayList<>(record.headers());
        byte[] key = keySerializer.serialize(target, headers, record.key());
        byte[] value = valueSerializer.serialize(target, headers, record.value());
        collector.add(new OutputRecord(target, null, key, value, record.timestamp(), headers, false));
    }
}
