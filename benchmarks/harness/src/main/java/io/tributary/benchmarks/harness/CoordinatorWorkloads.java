package io.tributary.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The coordinator workloads, run with kafka-clients in the harness's own JVM (the same client code against both
 * brokers): (e) ten consumers subscribe to a ten-partition topic in one group, timed until every one holds its
 * partition, with the classic protocol and with the new consumer protocol (KIP-848); (f) a transactional producer
 * sending 100 B records in transactions of 1,000, committed one after the other. Failures mark their rows.
 */
final class CoordinatorWorkloads {
    static final String GROUP_TOPIC = "side-by-side-group";
    static final String TXN_TOPIC = "side-by-side-txn";
    private static final int MEMBERS = 10;
    private static final int RECORDS_PER_TRANSACTION = 1_000;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

    private final Settings settings;
    private final BrokerProcess broker;
    private final Results results;
    private final String label;

    CoordinatorWorkloads(Settings settings, BrokerProcess broker, Results results, String label) {
        this.settings = settings;
        this.broker = broker;
        this.results = results;
        this.label = label;
    }

    /** (e): both group protocols, each in a fresh group. */
    void groupJoin() {
        for (String protocol : List.of("classic", "consumer")) {
            Metric metric = protocol.equals("classic") ? Metric.GROUP_JOIN_CLASSIC : Metric.GROUP_JOIN_CONSUMER;
            try {
                ensureTopic(GROUP_TOPIC, MEMBERS);
                long millis = timeJoin(protocol);
                results.put(metric, millis);
                System.err.printf("[%s] %d consumers (%s) assigned after %d ms%n", label, MEMBERS, protocol, millis);
            } catch (Exception e) {
                results.fail("failed (see notes)", label + ": group join (" + protocol + "): " + e, metric);
                System.err.printf("[%s] group join (%s) FAILED: %s%n", label, protocol, e);
            }
        }
    }

    private long timeJoin(String protocol) throws Exception {
        String group = "side-by-side-join-" + protocol + "-" + UUID.randomUUID();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicIntegerArray owned = new AtomicIntegerArray(MEMBERS);
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        long start = System.nanoTime();
        long deadline = start + JOIN_TIMEOUT.toNanos();
        List<Future<?>> members = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                int member = i;
                members.add(pool.submit(() -> pollUntilStopped(group, protocol, member, owned, stop)));
            }
            // one partition each, for every member at once: the group of ten is stable
            while (System.nanoTime() < deadline) {
                boolean all = true;
                for (int i = 0; i < MEMBERS; i++) {
                    all &= owned.get(i) == 1;
                }
                if (all) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                for (Future<?> f : members) {
                    if (f.isDone()) {
                        f.get();
                    }
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("the group was not assigned within " + JOIN_TIMEOUT);
        } finally {
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /** One member: subscribes and polls, publishing how many partitions it owns, until told to stop. */
    private void pollUntilStopped(String group, String protocol, int member, AtomicIntegerArray owned,
                                  AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(GROUP_TOPIC));
            while (!stop.get()) {
                consumer.poll(Duration.ofMillis(20));
                owned.set(member, consumer.assignment().size());
            }
        }
    }

    /** (f): transactions of 1,000 records of 100 B, one producer, committed in sequence. */
    void transactionalProduce() {
        try {
            ensureTopic(TXN_TOPIC, settings.partitions());
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "side-by-side-txn-" + UUID.randomUUID());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            byte[] value = new byte[100];
            int total = settings.transactionalRecords();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                producer.initTransactions();
                long start = System.nanoTime();
                int sent = 0;
                while (sent < total) {
                    producer.beginTransaction();
                    int n = Math.min(RECORDS_PER_TRANSACTION, total - sent);
                    for (int i = 0; i < n; i++) {
                        producer.send(new ProducerRecord<>(TXN_TOPIC, value));
                    }
                    producer.commitTransaction();
                    sent += n;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                results.put(Metric.TXN_PRODUCE_RATE, total / seconds);
                System.err.printf("[%s] %,d transactional records in %.1f s%n", label, total, seconds);
            }
        } catch (Exception e) {
            results.fail("failed (see notes)", label + ": transactional producer: " + e, Metric.TXN_PRODUCE_RATE);
            System.err.printf("[%s] transactional producer FAILED: %s%n", label, e);
        }
    }

    private void ensureTopic(String topic, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(20, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(20, TimeUnit.SECONDS);
            }
        }
    }
}
