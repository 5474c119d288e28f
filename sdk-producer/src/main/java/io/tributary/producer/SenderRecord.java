package io.tributary.producer;

import static java.util.Objects.requireNonNull;

/**
 * A record with the caller's correlation metadata, returned unchanged in its {@link SendResult}: an id, the
 * consumed record to acknowledge, anything the caller needs once the record is written.
 *
 * @since 0.1
 */
public record SenderRecord<K, V, T>(ProducerRecord<K, V> record, T correlation) {
    public SenderRecord {
        requireNonNull(record, "record");
        requireNonNull(correlation, "correlation");
    }

    public static <K, V, T> SenderRecord<K, V, T> create(ProducerRecord<K, V> record, T correlation) {
        return new SenderRecord<>(record, correlation);
    }
}
