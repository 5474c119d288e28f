package io.tributary.streams.testing;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import io.tributary.serdes.Serializer;
import io.tributary.streams.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pipes records into one source topic of a {@link TopologyTestDriver}; each is processed, with everything it
 * causes downstream (including through repartition topics), before the call returns. Records without an explicit
 * timestamp get the topic's current time, which then advances by the topic's auto-advance.
 *
 * @since 0.1
 */
public final class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration autoAdvance;
    private long currentTime;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
                   Serializer<V> valueSerializer, Instant startTime, Duration autoAdvance) {
        this.driver = driver;
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.currentTime = startTime.toEpochMilli();
        this.autoAdvance = autoAdvance;
    }

    /** A record without key. */
    public void pipeInput(@Nullable V value) {
        pipeInput(null, value);
    }

    public void pipeInput(@Nullable K key, @Nullable V value) {
        long t = currentTime;
        currentTime += autoAdvance.toMillis();
        pipeInput(key, value, t);
    }

    public void pipeInput(@Nullable K key, @Nullable V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, timestampMs, List.of()));
    }

    public void pipeInput(@Nullable K key, @Nullable V value, Instant timestamp) {
        pipeInput(key, value, timestamp.toEpochMilli());
    }

    public void pipeInput(TestRecord<K, V> record) {
        requireNonNull(record, "record");
        List<Header> headers = new ArrayList<>(record.headers());
        byte[] k = keySerializer.serialize(topic, headers, record.key());
        byte[] v = valueSerializer.serialize(topic, headers, record.value());
        driver.pipe(topic, k, v, record.timestamp(), headers);
    }

    /** Pipes values without keys, in order. */
    public void pipeValueList(List<V> values) {
        values.forEach(this::pipeInput);
    }

    /** Pipes keyed values, in order. */
    public void pipeKeyValueList(List<KeyValue<K, V>> records) {
        records.forEach(kv -> pipeInput(kv.key(), kv.value()));
    }

    /** Moves this topic's current time (for records piped without timestamp). */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative, was " + advance);
        }
        currentTime += advance.toMillis();
    }

    @Override
    public String toString() {
        return "TestInputTopic[" + topic + "]";
    }
}
