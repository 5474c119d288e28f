package io.tributary.benchmarks.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates the topics the consumer loads read and fills them, with kafka-clients in the harness's own JVM and its
 * default producer settings (acks=all, idempotent, 16 KiB batches, linger 5 ms, no compression), so that both brokers
 * hold batches of the same shape. Records have no key and the same printable value of the workload's size (as the
 * producer loads send), and go round-robin to the partitions, so each holds the same number. Used by one thread.
 */
final class TopicWriter {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicWriter() {
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions and replication factor 1 and returns once every
     * partition answers ListOffsets. Kafka acknowledges CreateTopics once the controller has the topic, a moment
     * before the broker leads all its partitions. In one early run an idempotent producer that started writing in that
     * moment never got one partition's first batch in: Kafka 4.3.1 refused every retry of it as out of order
     * (sequence 0 after later batches had been appended), so the writer now waits.
     */
    static void createTopic(String bootstrap, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                try {
                    endOffsets(admin, topic, partitions);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /**
     * Writes {@code records} values of {@code size} bytes and checks that the end offsets of the topic's
     * partitions add up to {@code records}, so no reader can finish early on a short topic.
     *
     * @return the milliseconds the write took
     */
    static long write(String bootstrap, String topic, int partitions, int records, int size)
            throws ExecutionException, InterruptedException, TimeoutException {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, payload), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failure.get() != null || acked.get() != records) {
            throw new IllegalStateException("writing " + topic + ": " + acked.get() + " of " + records
                + " records acknowledged", failure.get());
        }
        long end;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            end = endOffsets(admin, topic, partitions);
        }
        if (end != records) {
            throw new IllegalStateException(topic + " ends at " + end + " records in all, expected " + records);
        }
        return millis;
    }

    /** The sum of the partitions' end offsets. */
    private static long endOffsets(Admin admin, String topic, int partitions)
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
}
