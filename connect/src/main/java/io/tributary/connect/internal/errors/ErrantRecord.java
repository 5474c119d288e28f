package io.tributary.connect.internal.errors;

import io.tributary.common.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record that failed, as reporters need it: the bytes a dead letter carries and where the record came from. For a
 * sink task, the consumed record exactly as read; for a source task, the record converted as far as its converters
 * could (null bytes where they failed), with its destination topic and no offset.
 *
 * @param topic       the topic it was read from (sink) or was to be written to (source)
 * @param partition   its Kafka partition, if known
 * @param offset      its Kafka offset, or -1 for a source record
 * @param description what the log shows of it with {@code errors.log.include.messages}
 */
public record ErrantRecord(@Nullable String topic, @Nullable Integer partition, long offset, @Nullable Long timestamp,
                           byte @Nullable [] key, byte @Nullable [] value, List<Header> headers, String description) {
    public ErrantRecord {
        headers = List.copyOf(headers);
    }
}
