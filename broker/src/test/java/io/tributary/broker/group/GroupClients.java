package io.tributary.broker.group;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** kafka-clients helpers for the group interop tests: clients tuned for fast rebalances, bounded polling. */
final class GroupClients {
    private GroupClients() {
    }

    /**
     * A broker configuration for fast group tests: no initial rebalance delay, and consumer-protocol members that
     * heartbeat every 300 ms with a 10 s session.
     */
    static BrokerConfig fastGroups() {
        return BrokerConfig.defaults()
            .set("group.initial.rebalance.delay.ms", "0")
            .set("group.consumer.min.heartbeat.interval.ms", "100")
            .set("group.consumer.heartbeat.interval.ms", "300")
            .set("group.consumer.min.session.timeout.ms", "1000")
            .set("group.consumer.session.timeout.ms", "10000");
    }

    static Admin admin(EmbeddedBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(p);
    }

    /** A consumer of the classic protocol, without auto-commit, reading from the earliest offset. */
    static KafkaConsumer<String, String> consumer(EmbeddedBroker broker, String group, String clientId,
                                                  String assignor) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "20000");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /**
     * A consumer of the KIP-848 consumer protocol ({@code group.protocol=consumer}; timeouts and assignment come
     * from the broker), without auto-commit, reading from the earliest offset.
     */
    static KafkaConsumer<String, String> newProtocolConsumer(EmbeddedBroker broker, String group, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "20000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    static KafkaConsumer<String, String> consumer(EmbeddedBroker broker, String group, String clientId) {
        return consumer(broker, group, clientId, RangeAssignor.class.getName());
    }

    /** Produces {@code perPartition} records to each partition, values {@code prefix-p<partition>-<i>}. */
    static List<String> produce(EmbeddedBroker broker, String topic, int partitions, int perPartition, String prefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < perPartition; i++) {
                    String value = prefix + "-p" + partition + "-" + i;
                    values.add(value);
                    producer.send(new ProducerRecord<>(topic, partition, "k" + i, value));
                }
            }
            producer.flush();
        }
        return values;
    }

    /**
     * Polls the consumers in turn (100 ms each) until {@code done} holds, handing every record to {@code sink}.
     *
     * @throws AssertionError if {@code done} does not hold within {@code timeout}
     */
    static void pollUntil(List<KafkaConsumer<String, String>> consumers,
                          Consumer<ConsumerRecord<String, String>> sink, BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            for (KafkaConsumer<String, String> c : consumers) {
                c.poll(Duration.ofMillis(100)).forEach(sink);
            }
        }
    }

    /** Commits the consumer's positions, polling through rebalances that interrupt the commit. */
    static void commit(List<KafkaConsumer<String, String>> all, KafkaConsumer<String, String> consumer,
                       Consumer<ConsumerRecord<String, String>> sink) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                consumer.commitSync(Duration.ofSeconds(10));
                return;
            } catch (RebalanceInProgressException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                for (KafkaConsumer<String, String> c : all) {
                    c.poll(Duration.ofMillis(100)).forEach(sink);
                }
            }
        }
    }
}
