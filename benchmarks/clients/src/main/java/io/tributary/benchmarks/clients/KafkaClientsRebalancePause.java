package io.tributary.benchmarks.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link RebalanceRun} with kafka-clients: three {@code KafkaConsumer}s with default settings (classic protocol,
 * range assignor, auto-commit), each polling in its own thread; leaving is leaving the poll loop and {@code close()},
 * which commits and sends LeaveGroup.
 */
public final class KafkaClientsRebalancePause {
    private KafkaClientsRebalancePause() {
    }

    public static void main(String[] argv) throws Exception {
        RebalanceRun.run(argv, "kafka-clients", new Members());
    }

    private static final class Members implements RebalanceRun.Group {
        private final List<Thread> threads = new ArrayList<>();
        private final List<AtomicBoolean> stops = new ArrayList<>();

        @Override
        public void start(String bootstrap, String topic, String group, int members, Arrivals arrivals) {
            for (int m = 0; m < members; m++) {
                Properties props = new Properties();
                props.put("bootstrap.servers", bootstrap);
                props.put("group.id", group);
                props.put("auto.offset.reset", "earliest");
                props.put("key.deserializer", ByteArrayDeserializer.class.getName());
                props.put("value.deserializer", ByteArrayDeserializer.class.getName());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
                AtomicBoolean stop = new AtomicBoolean();
                int member = m;
                Thread thread = new Thread(() -> poll(consumer, topic, member, stop, arrivals), "member-" + m);
                stops.add(stop);
                threads.add(thread);
                thread.start();
            }
        }

        private static void poll(KafkaConsumer<byte[], byte[]> consumer, String topic, int member, AtomicBoolean stop,
                                 Arrivals arrivals) {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    arrivals.record(member, System.nanoTime(), records.count());
                }
            }
        }

        @Override
        public void leave(int member) throws InterruptedException {
            // The poll loop sees this within one poll (records arrive every millisecond), then close() commits
            // and sends LeaveGroup.
            stops.get(member).set(true);
        }

        @Override
        public void stop() throws InterruptedException {
            stops.forEach(stop -> stop.set(true));
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }
    }
}
