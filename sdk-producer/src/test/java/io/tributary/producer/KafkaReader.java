package io.tributary.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** kafka-clients as the reference: creates topics and reads back what the SDK wrote. */
final class KafkaReader {
    private KafkaReader() {
    }

    static String createTopic(String bootstrap, String prefix, int partitions) {
        return createTopic(bootstrap, prefix, partitions, Map.of());
    }

    static String createTopic(String bootstrap, String prefix, int partitions, Map<String, String> configs) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create " + name, e);
        }
        return name;
    }

    /** Reads every partition of {@code topic} from the start until {@code expected} records arrived. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int expected,
                                                        String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", isolation);
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A little longer, to catch records beyond the expected count (duplicates).
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, int expected) {
        return readAll(bootstrap, topic, expected, "read_uncommitted");
    }
}
