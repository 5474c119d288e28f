package io.tributary.connect.source;

import io.tributary.connect.ConnectHeader;
import io.tributary.connect.ConnectRecord;
import io.tributary.connect.data.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record a source task read from its system, with where it came from: the source partition (e.g. a file name)
 * and the source offset within it (e.g. a byte position). Once the record is written, the runtime commits its
 * source offset, and a restarted task asks for it to resume after the record. Maps hold strings, numbers and
 * booleans only (they are stored as JSON).
 *
 * @since 0.1
 */
public final class SourceRecord extends ConnectRecord<SourceRecord> {
    private final Map<String, ?> sourcePartition;
    private final Map<String, ?> sourceOffset;

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        @Nullable Integer kafkaPartition, @Nullable Schema keySchema, @Nullable Object key,
                        @Nullable Schema valueSchema, @Nullable Object value, @Nullable Long timestamp,
                        List<ConnectHeader> headers) {
        super(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
        this.sourcePartition = Map.copyOf(sourcePartition);
        this.sourceOffset = Map.copyOf(sourceOffset);
    }

    /** A record without key, partition, timestamp or headers. */
    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        @Nullable Schema valueSchema, @Nullable Object value) {
        this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value, null, List.of());
    }

    public Map<String, ?> sourcePartition() {
        return sourcePartition;
    }

    public Map<String, ?> sourceOffset() {
        return sourceOffset;
    }

    @Override
    public SourceRecord newRecord(String topic, @Nullable Integer kafkaPartition, @Nullable Schema keySchema,
                                  @Nullable Object key, @Nullable Schema valueSchema, @Nullable Object value,
                                  @Nullable Long timestamp, List<ConnectHeader> headers) {
        return new SourceRecord(sourcePartition, sourceOffset, topic, kafkaPartition, keySchema, key, valueSchema,
            value, timestamp, headers);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return super.equals(o) && o instanceof SourceRecord r && sourcePartition.equals(r.sourcePartition)
            && sourceOffset.equals(r.sourceOffset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), sourcePartition, sourceOffset);
    }
}
