package io.tributary.connect;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Values;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What source and sink records share: the topic, an optional partition, key and value with their schemas, an
 * optional timestamp (ms) and headers. Immutable; transforms derive new records with {@link #newRecord}.
 *
 * @param <R> the concrete record type, so {@code newRecord} keeps it
 * @since 0.1
 */
public abstract class ConnectRecord<R extends ConnectRecord<R>> {
    private final String topic;
    private final @Nullable Integer kafkaPartition;
    private final @Nullable Schema keySchema;
    private final @Nullable Object key;
    private final @Nullable Schema valueSchema;
    private final @Nullable Object value;
    private final @Nullable Long timestamp;
    private final List<ConnectHeader> headers;

    protected ConnectRecord(String topic, @Nullable Integer kafkaPartition, @Nullable Schema keySchema,
                            @Nullable Object key, @Nullable Schema valueSchema, @Nullable Object value,
                            @Nullable Long timestamp, List<ConnectHeader> headers) {
        this.topic = requireNonNull(topic, "topic");
        if (kafkaPartition != null && kafkaPartition < 0) {
            throw new IllegalArgumentException("kafkaPartition must not be negative, was " + kafkaPartition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestamp);
        }
        this.kafkaPartition = kafkaPartition;
        this.keySchema = keySchema;
        this.key = key;
        this.valueSchema = valueSchema;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = List.copyOf(headers);
    }

    public String topic() {
        return topic;
    }

    /** The partition, or null to let the producer's partitioner choose (sources) . */
    public @Nullable Integer kafkaPartition() {
        return kafkaPartition;
    }

    public @Nullable Schema keySchema() {
        return keySchema;
    }

    public @Nullable Object key() {
        return key;
    }

    public @Nullable Schema valueSchema() {
        return valueSchema;
    }

    public @Nullable Object value() {
        return value;
    }

    /** Milliseconds since the epoch, or null for none (a source record then gets the producer's time). */
    public @Nullable Long timestamp() {
        return timestamp;
    }

    public List<ConnectHeader> headers() {
        return headers;
    }

    /** A copy with the given fields and this record's headers and connector-specific fields. */
    public R newRecord(String topic, @Nullable Integer kafkaPartition, @Nullable Schema keySchema,
                       @Nullable Object key, @Nullable Schema valueSchema, @Nullable Object value,
                       @Nullable Long timestamp) {
        return newRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
    }

    /** A copy with the given fields and this record's connector-specific fields (source offsets, Kafka offset). */
    public abstract R newRecord(String topic, @Nullable Integer kafkaPartition, @Nullable Schema keySchema,
                                @Nullable Object key, @Nullable Schema valueSchema, @Nullable Object value,
                                @Nullable Long timestamp, List<ConnectHeader> headers);

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        ConnectRecord<?> r = (ConnectRecord<?>) o;
        return topic.equals(r.topic) && Objects.equals(kafkaPartition, r.kafkaPartition)
            && Objects.equals(keySchema, r.keySchema) && Values.deepEquals(key, r.key)
            && Objects.equals(valueSchema, r.valueSchema) && Values.deepEquals(value, r.value)
            && Objects.equals(timestamp, r.timestamp) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, kafkaPartition, keySchema, valueSchema, timestamp);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{topic=" + topic + ", kafkaPartition=" + kafkaPartition + ", key=" + key
            + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
