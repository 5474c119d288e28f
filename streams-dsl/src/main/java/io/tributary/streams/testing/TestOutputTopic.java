package io.tributary.streams.testing;

import io.tributary.serdes.Deserializer;
import io.tributary.streams.KeyValue;
import io.tributary.streams.internal.engine.OutputRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a {@link TopologyTestDriver}'s topology wrote to one topic, in the order written. Reading consumes.
 *
 * @since 0.1
 */
public final class TestOutputTopic<K, V> {
    private final String topic;
    private final Queue<OutputRecord> queue;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(String topic, Queue<OutputRecord> queue, Deserializer<K> keyDeserializer,
                    Deserializer<V> valueDeserializer) {
        this.topic = topic;
        this.queue = queue;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    /** @throws NoSuchElementException if nothing is left to read */
    public TestRecord<K, V> readRecord() {
        OutputRecord r = queue.poll();
        if (r == null) {
            throw new NoSuchElementException("Nothing (left) to read in topic " + topic);
        }
        return new TestRecord<>(keyDeserializer.deserialize(topic, r.headers(), r.key()),
            valueDeserializer.deserialize(topic, r.headers(), r.value()), r.timestamp(), r.headers());
    }

    public @Nullable V readValue() {
        return readRecord().value();
    }

    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return KeyValue.pair(r.key(), r.value());
    }

    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    public List<KeyValue<K, V>> readKeyValuesToList() {
        return readRecordsToList().stream().map(r -> KeyValue.pair(r.key(), r.value())).toList();
    }

    public List<V> readValuesToList() {
        List<V> out = new ArrayList<>();
        readRecordsToList().forEach(r -> out.add(r.value()));
        return out;
    }

    /** The last value per key (null values delete), in key order of first appearance. */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        for (TestRecord<K, V> r : readRecordsToList()) {
            if (r.key() == null) {
                throw new IllegalStateException("readKeyValuesToMap cannot hold the null key written to " + topic);
            }
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    public int getQueueSize() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public String toString() {
        return "TestOutputTopic[" + topic + ", " + queue.size() + " records]";
    }
}
