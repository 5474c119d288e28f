package io.tributary.benchmarks.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The input of {@link StreamsSideBySide}, deterministic, written untimed before any application starts, with
 * kafka-clients' producer and its defaults (acks=all, idempotent, linger 5 ms), and the results each workload must
 * end with. Used by one thread.
 */
final class StreamsData {
    static final int WORDS_PER_LINE = 10;
    static final int VOCABULARY = 4_000;
    /** Event times of the windowed count span this long, rising with the record index. */
    static final Duration EVENT_SPAN = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private StreamsData() {
    }

    /** {@code count} distinct words of 3 to 10 letters, the same every time. */
    static List<String> vocabulary(int count) {
        Random random = new Random(20_261_201L);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            int length = 3 + random.nextInt(8);
            StringBuilder word = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        return new ArrayList<>(words);
    }

    /**
     * Writes {@code lines} lines of {@value #WORDS_PER_LINE} words drawn uniformly from the vocabulary (seeded, so
     * the same each run), without keys, round-robin over the partitions.
     *
     * @return the final count of every word
     */
    static Map<String, Long> writeLines(String bootstrap, String topic, int partitions, int lines, long seed)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> words = vocabulary(VOCABULARY);
        Random random = new Random(seed);
        Map<String, long[]> counts = new HashMap<>();
        try (Writer writer = new Writer(bootstrap)) {
            StringBuilder line = new StringBuilder(128);
            for (int i = 0; i < lines; i++) {
                line.setLength(0);
                for (int w = 0; w < WORDS_PER_LINE; w++) {
                    String word = words.get(random.nextInt(words.size()));
                    counts.computeIfAbsent(word, k -> new long[1])[0]++;
                    if (w > 0) {
                        line.append(' ');
                    }
                    line.append(word);
                }
                writer.send(new ProducerRecord<>(topic, i % partitions, null, line.toString()));
            }
        }
        checkEnd(bootstrap, topic, partitions, lines);
        Map<String, Long> expected = new HashMap<>();
        counts.forEach((word, n) -> expected.put(word, n[0]));
        return expected;
    }

    /**
     * Writes {@code records} records keyed by one of {@code keys} keys ({@code key-00042}, drawn seeded), partitioned
     * by key (the default partitioner), with event times from {@code baseMillis} rising evenly over
     * {@link #EVENT_SPAN}, so that they rise within every partition and no record is late.
     *
     * @return the final count per {@code <key>@<window start>} for one-minute tumbling windows
     */
    static Map<String, Long> writeEvents(String bootstrap, String topic, int partitions, int records, int keys,
                                        long baseMillis, long windowMillis, long seed)
            throws InterruptedException, ExecutionException, TimeoutException {
        Random random = new Random(seed);
        Map<String, long[]> counts = new HashMap<>();
        try (Writer writer = new Writer(bootstrap)) {
            for (int i = 0; i < records; i++) {
                String key = String.format(Locale.ROOT, "key-%05d", random.nextInt(keys));
                long timestamp = baseMillis + (long) i * EVENT_SPAN.toMillis() / records;
                long windowStart = timestamp - Math.floorMod(timestamp, windowMillis);
                counts.computeIfAbsent(key + "@" + windowStart, k -> new long[1])[0]++;
                writer.send(new ProducerRecord<>(topic, null, timestamp, key, Integer.toString(i)));
            }
        }
        checkEnd(bootstrap, topic, partitions, records);
        Map<String, Long> expected = new HashMap<>();
        counts.forEach((key, n) -> expected.put(key, n[0]));
        return expected;
    }

    /** The key of the {@code i}-th record of the restore workload's table. */
    static String tableKey(int i) {
        return String.format(Locale.ROOT, "key-%07d", i);
    }

    /** Writes {@code keys} records with distinct keys and 32-character values, partitioned by key. */
    static void writeTable(String bootstrap, String topic, int partitions, int keys)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Writer writer = new Writer(bootstrap)) {
            for (int i = 0; i < keys; i++) {
                writer.send(new ProducerRecord<>(topic, tableKey(i), String.format(Locale.ROOT, "value-%026d", i)));
            }
        }
        checkEnd(bootstrap, topic, partitions, keys);
    }

    /** For every partition, the first table key the default partitioner puts there. */
    static List<String> oneKeyPerPartition(int partitions, int keys) {
        Map<Integer, String> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < keys && byPartition.size() < partitions; i++) {
            String key = tableKey(i);
            int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            byPartition.putIfAbsent(p, key);
        }
        return new ArrayList<>(byPartition.values());
    }

    /** Writes {@code value} under each of {@code keys} (existing keys: the table keeps its size). */
    static void writeMarkers(String bootstrap, String topic, List<String> keys, String value)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Writer writer = new Writer(bootstrap)) {
            for (String key : keys) {
                writer.send(new ProducerRecord<>(topic, key, value));
            }
        }
    }

    /** The sum of the partitions' end offsets. */
    static long endOffsets(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long end = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()) {
            end += info.offset();
        }
        return end;
    }

    private static void checkEnd(String bootstrap, String topic, int partitions, long records)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long end = endOffsets(admin, topic, partitions);
            if (end != records) {
                throw new IllegalStateException(topic + " ends at " + end + " records in all, expected " + records);
            }
        }
    }

    /** A producer that counts acknowledgements and fails on close if any send failed. */
    private static final class Writer implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final AtomicLong acked = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private long sent;

        Writer(String bootstrap) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            props.put("key.serializer", StringSerializer.class.getName());
            props.put("value.serializer", StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }

        void send(ProducerRecord<String, String> record) {
            sent++;
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                } else {
                    acked.incrementAndGet();
                }
            });
        }

        @Override
        public void close() {
            producer.flush();
            producer.close(TIMEOUT);
            if (failure.get() != null || acked.get() != sent) {
                throw new IllegalStateException(acked.get() + " of " + sent + " records acknowledged",
                    failure.get());
            }
        }
    }
}
