package io.tributary.streams.processor;

/**
 * Where an input record came from.
 *
 * @param topic     the topic it was read from
 * @param partition its partition
 * @param offset    its offset
 * @since 0.1
 */
public record RecordMetadata(String topic, int partition, long offset) {
}
