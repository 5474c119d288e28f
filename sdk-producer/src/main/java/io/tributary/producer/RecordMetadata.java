package io.tributary.producer;

import io.tributary.common.TopicPartition;

/**
 * Where a record was written: its partition, offset and timestamp (the create time, or the broker's append time for
 * topics with {@code message.timestamp.type=LogAppendTime}). With {@code acks=0} the offset is -1.
 *
 * @since 0.1
 */
public record RecordMetadata(TopicPartition partition, long offset, long timestamp) {
    public String topic() {
        return partition.topic();
    }
}
