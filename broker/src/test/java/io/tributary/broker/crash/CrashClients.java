package io.tributary.broker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** kafka-clients plumbing shared by the crash tests; every blocking call is bounded by {@link #TIMEOUT}. */
final class CrashClients {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private CrashClients() {
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * A producer with {@code acks=all}, {@code retries=0} and one request in flight: each record is written at most
     * once and in send order, so a duplicate or a reordering in the log is the broker's doing. Idempotence is off
     * because the broker does not support InitProducerId yet. Short timeouts make sends to a dead broker fail fast.
     */
    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.RETRIES_CONFIG, "0");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code values} to {@code partition} one at a time, each acknowledged before the next; their offsets. */
    static List<Long> sendAcknowledged(String bootstrap, String topic, int partition, List<String> values)
            throws Exception {
        List<Long> offsets = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (String value : values) {
                RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, partition, null, value))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                offsets.add(metadata.offset());
            }
        }
        return offsets;
    }

    /**
     * Reads every partition of {@code topic} from the beginning up to the end offset the broker reports, in offset
     * order per partition. The consumer checks CRCs, so a corrupt batch fails the read.
     */
    static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, "true");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        List<TopicPartition> assigned = IntStream.range(0, partitions)
            .mapToObj(i -> new TopicPartition(topic, i))
            .toList();
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, TIMEOUT);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!assigned.stream().allMatch(tp -> consumer.position(tp, TIMEOUT) >= ends.get(tp))) {
                assertThat(System.nanoTime()).as("read %s records of %s in %s", read.size(), ends, TIMEOUT)
                    .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            for (TopicPartition tp : assigned) {
                assertThat(consumer.position(tp)).as("position of %s", tp).isEqualTo(ends.get(tp));
            }
        }
        return read;
    }
}
