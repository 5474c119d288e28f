package io.tributary.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows an application's output topic (every partition, from the first offset, no group) with kafka-clients in
 * the harness's JVM, keeping the latest value per key, and tells when every expected key has its expected final
 * value. Counts only grow, so the first moment all latest values equal the expected ones is the moment the
 * application has produced its final result; a value above the expected one (a record counted twice) never
 * matches and shows up in {@link #differences()}.
 *
 * <p>Used by one thread.
 */
final class OutputWatcher implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);

    private final KafkaConsumer<String, Long> consumer;
    private final Map<String, Long> expected;
    private final Map<String, Long> latest = new HashMap<>();
    private int matching;
    private long records;

    OutputWatcher(String bootstrap, String topic, int partitions, Map<String, Long> expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", LongDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("client.id", "output-watcher-" + topic);
        this.consumer = new KafkaConsumer<>(props);
        this.expected = expected;
        List<TopicPartition> assignment = IntStream.range(0, partitions)
            .mapToObj(p -> new TopicPartition(topic, p))
            .toList();
        consumer.assign(assignment);
        consumer.seekToBeginning(assignment);
    }

    /**
     * Reads until every expected key has its expected value and returns the wall-clock time
     * ({@link System#currentTimeMillis()}) at which that was seen.
     *
     * @throws IllegalStateException if {@code app} exits or fails, or after {@code timeout}
     */
    long awaitFinal(Duration timeout, StreamsApp app) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching < expected.size()) {
            poll();
            if (matching == expected.size()) {
                break;
            }
            app.checkHealthy();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format("%s: %,d of %,d keys had their final value after %d s "
                    + "(%,d output records read)", app.name(), matching, expected.size(), timeout.toSeconds(),
                    records));
            }
        }
        return System.currentTimeMillis();
    }

    /** Goes on reading for {@code duration}, so that a late duplicate would still show in the differences. */
    void settle(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
    }

    private void poll() {
        for (ConsumerRecord<String, Long> r : consumer.poll(POLL)) {
            records++;
            String key = r.key();
            Long want = expected.get(key);
            Long before = latest.put(key, r.value());
            if (want != null) {
                boolean was = want.equals(before);
                boolean is = want.equals(r.value());
                if (is && !was) {
                    matching++;
                } else if (was && !is) {
                    matching--;
                }
            }
        }
    }

    /** Output records read so far. */
    long records() {
        return records;
    }

    /** Up to five differences between the latest values and the expected ones, with their totals; empty if none. */
    List<String> differences() {
        List<String> out = new ArrayList<>();
        long missing = 0;
        long wrong = 0;
        long extra = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long got = latest.get(e.getKey());
            if (got == null) {
                missing++;
            } else if (!Objects.equals(got, e.getValue())) {
                wrong++;
            }
            if ((got == null || !got.equals(e.getValue())) && out.size() < 5) {
                out.add(e.getKey() + ": expected " + e.getValue() + ", got " + got);
            }
        }
        for (String key : latest.keySet()) {
            if (!expected.containsKey(key)) {
                extra++;
                if (out.size() < 5) {
                    out.add(key + ": not expected, got " + latest.get(key));
                }
            }
        }
        if (missing + wrong + extra > 0) {
            out.add(String.format("%,d keys missing, %,d with another value, %,d not expected (of %,d)", missing,
                wrong, extra, expected.size()));
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
