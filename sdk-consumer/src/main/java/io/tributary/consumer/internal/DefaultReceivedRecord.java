package io.tributary.consumer.internal;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.DeserializationFailure;
import io.tributary.consumer.ReceivedRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A received record that acknowledges and commits through its {@link ConsumerSession}. Immutable. One that could
 * not be deserialized carries its {@link #failure} instead of a key and value, and is never emitted.
 */
final class DefaultReceivedRecord<K, V> implements ReceivedRecord<K, V> {
    private final ConsumerSession<K, V> session;
    final PartitionState state;
    private final long offset;
    private final long timestamp;
    private final @Nullable K key;
    private final @Nullable V value;
    private final List<Header> headers;
    final int sizeInBytes;
    final @Nullable DeserializationFailure failure;

    DefaultReceivedRecord(ConsumerSession<K, V> session, PartitionState state, long offset, long timestamp,
                          @Nullable K key, @Nullable V value, List<Header> headers, int sizeInBytes,
                          @Nullable DeserializationFailure failure) {
        this.session = session;
        this.state = state;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers;
        this.sizeInBytes = sizeInBytes;
        this.failure = failure;
    }

    ConsumerSession<K, V> session() {
        return session;
    }

    @Override
    public TopicPartition topicPartition() {
        return state.partition;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public @Nullable K key() {
        return key;
    }

    @Override
    public @Nullable V value() {
        return value;
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public void acknowledge() {
        session.acknowledge(state, offset);
    }

    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> {
            session.acknowledge(state, offset);
            return session.commitAcknowledged();
        });
    }

    @Override
    public String toString() {
        return "ReceivedRecord{" + state.partition + "@" + offset + ", key=" + key + ", value=" + value + "}";
    }
}
