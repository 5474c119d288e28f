package io.tributary.connect.sink;

import io.tributary.common.TopicPartition;
import io.tributary.connect.ConnectHeader;
import io.tributary.connect.ConnectRecord;
import io.tributary.connect.data.Schema;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record read from Kafka for a sink task: its offset, and the topic, partition and offset it was read from
 * before any transform renamed it (which is what offsets are committed for).
 *
 * @since 0.1
 */
public final class SinkRecord extends ConnectRecord<SinkRecord> {
    private final long kafkaOffset;
    private final TopicPartition original;
    private final long originalOffset;

    public SinkRecord(String topic, int partition, @Nullable Schema keySchema, @Nullable Object key,
                      @Nullable Schema valueSchema, @Nullable Object value, long kafkaOffset,
                      @Nullable Long timestamp, List<ConnectHeader> headers) {
        this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, headers,
            new TopicPartition(topic, partition), kafkaOffset);
    }

    private SinkRecord(String topic, @Nullable Integer partition, @Nullable Schema keySchema, @Nullable Object key,
                       @Nullable Schema valueSchema, @Nullable Object value, long kafkaOffset,
                       @Nullable Long timestamp, List<ConnectHeader> headers, TopicPartition original,
                       long originalOffset) {
        super(topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
        if (kafkaOffset < 0) {
            throw new IllegalArgumentException("kafkaOffset must not be negative, was " + kafkaOffset);
        }
        this.kafkaOffset = kafkaOffset;
        this.original = original;
        this.originalOffset = originalOffset;
    }

    public long kafkaOffset() {
        return kafkaOffset;
    }

    /** The topic and partition the record was read from, whatever transforms did to {@link #topic()}. */
    public TopicPartition originalTopicPartition() {
        return original;
    }

    /** The offset the record was read at. */
    public long originalKafkaOffset() {
        return originalOffset;
    }

    @Override
    public SinkRecord newRecord(String topic, @Nullable Integer kafkaPartition, @Nullable Schema keySchema,
                                @Nullable Object key, @Nullable Schema valueSchema, @Nullable Object value,
                                @Nullable Long timestamp, List<ConnectHeader> headers) {
        return new SinkRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, kafkaOffset, timestamp,
            headers, original, originalOffset);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return super.equals(o) && o instanceof SinkRecord r && kafkaOffset == r.kafkaOffset
            && original.equals(r.original) && originalOffset == r.originalOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kafkaOffset, original);
    }
}
