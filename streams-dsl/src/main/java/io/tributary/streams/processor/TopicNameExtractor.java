package io.tributary.streams.processor;

/**
 * Chooses the output topic of each record, for {@code KStream.to(TopicNameExtractor)}. The topics must exist.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    /**
     * @param record the record to write
     * @return the topic to write it to
     */
    String extract(Record<K, V> record);
}
