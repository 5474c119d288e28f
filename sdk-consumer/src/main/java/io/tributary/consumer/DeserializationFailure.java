package io.tributary.consumer;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fetched record whose key or value could not be deserialized: where it was, its raw bytes and why it failed.
 * Handed to a {@link DeadLetterHandler}.
 *
 * @param topicPartition where the record is
 * @param offset         its offset
 * @param timestamp      its timestamp (ms)
 * @param key            the key's bytes, null for a null key
 * @param value          the value's bytes, null for a tombstone
 * @param headers        its headers
 * @param cause          what the deserializer threw
 * @since 0.1
 */
public record DeserializationFailure(TopicPartition topicPartition, long offset, long timestamp,
                                     byte @Nullable [] key, byte @Nullable [] value, List<Header> headers,
                                     Throwable cause) {
    public DeserializationFailure {
        requireNonNull(topicPartition, "topicPartition");
        headers = List.copyOf(headers);
        requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return "DeserializationFailure{" + topicPartition + "@" + offset + ": " + cause + "}";
    }
}
