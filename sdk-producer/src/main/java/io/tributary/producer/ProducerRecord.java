package io.tributary.producer;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record to send: topic, optional partition and timestamp, key, value and headers. Immutable.
 *
 * @param partition the partition, or null to let the partitioner choose
 * @param timestamp the create time in ms, or null for the time of sending
 * @since 0.1
 */
public record ProducerRecord<K, V>(String topic, @Nullable Integer partition, @Nullable Long timestamp,
                                   @Nullable K key, @Nullable V value, List<Header> headers) {
    /** @throws IllegalArgumentException if the partition or timestamp is negative */
    public ProducerRecord {
        requireNonNull(topic, "topic");
        // The common case, no headers, skips the copy (a measurable cost per record at high rates).
        headers = requireNonNull(headers, "headers").isEmpty() ? List.of() : List.copyOf(headers);
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
        }
    }

    /** A record with a key; the partitioner picks the partition from the key. */
    public static <K, V> ProducerRecord<K, V> of(String topic, @Nullable K key, @Nullable V value) {
        return new ProducerRecord<>(topic, null, null, key, value, List.of());
    }

    /** A record without a key: the sticky partitioner fills one partition's batch at a time. */
    public static <K, V> ProducerRecord<K, V> of(String topic, @Nullable V value) {
        return new ProducerRecord<>(topic, null, null, null, value, List.of());
    }

    /** This record sent to {@code partition}. */
    public ProducerRecord<K, V> partition(int partition) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** This record with create time {@code timestamp} (ms since the epoch). */
    public ProducerRecord<K, V> timestamp(long timestamp) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** This record with {@code headers} instead of its own. */
    public ProducerRecord<K, V> headers(List<Header> headers) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    /** This record with one more header. */
    public ProducerRecord<K, V> header(String key, byte @Nullable [] value) {
        List<Header> more = new java.util.ArrayList<>(headers);
        more.add(new Header(key, value));
        return new ProducerRecord<>(topic, partition, timestamp, this.key, this.value, more);
    }

    /** This record paired with {@code correlation}, for {@code TributaryProducer.send(Publisher)}. */
    public <T> SenderRecord<K, V, T> correlate(T correlation) {
        return new SenderRecord<>(this, correlation);
    }
}
