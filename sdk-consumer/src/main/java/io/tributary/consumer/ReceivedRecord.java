package io.tributary.consumer;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A consumed record, with the means to mark it processed. Offsets are committed in order per partition: only the
 * contiguous prefix of acknowledged records is committed, however out of order they were acknowledged.
 *
 * @since 0.1
 */
public interface ReceivedRecord<K, V> {
    TopicPartition topicPartition();

    default String topic() {
        return topicPartition().topic();
    }

    default int partition() {
        return topicPartition().partition();
    }

    long offset();

    /** Create time or log-append time, as the topic is configured. */
    long timestamp();

    @Nullable K key();

    @Nullable V value();

    List<Header> headers();

    /** Marks the record processed; its offset is committed with the next periodic or batch commit. */
    void acknowledge();

    /** Acknowledges the record and commits every acknowledged offset of its partition now; completes when done. */
    Mono<Void> commit();
}
