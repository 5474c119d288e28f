package io.tributary.benchmarks.clients;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends {@code --records} values of {@code --size} bytes without keys through kafka-clients' {@code KafkaProducer}
 * with its default settings, as Kafka's ProducerPerformance does (a callback per record), and prints the time from
 * the first {@code send} to the last acknowledgement, after an untimed warm-up ({@link LoadArgs#warmUp}).
 */
public final class KafkaClientsProducerLoad {
    private KafkaClientsProducerLoad() {
    }

    public static void main(String[] argv) throws Exception {
        LoadArgs args = LoadArgs.parse(argv);
        byte[] payload = args.payload();
        Properties props = new Properties();
        props.put("bootstrap.servers", args.bootstrap());
        props.put("acks", args.acks());
        props.put("enable.idempotence", Boolean.toString(args.idempotence()));
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        if (args.batchSize() > 0) {
            props.put("batch.size", Integer.toString(args.batchSize()));
        }
        AtomicInteger acked = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            // Warm-up, not timed: connections, metadata, producer id, and the JIT.
            LoadArgs.warmUp(args.records(), n -> {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>(args.topic(), payload));
                }
                producer.flush();
            });
            long start = System.nanoTime();
            long cpuStart = CpuClock.processCpuNanos();
            for (int i = 0; i < args.records(); i++) {
                producer.send(new ProducerRecord<>(args.topic(), payload), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            long nanos = System.nanoTime() - start;
            long cpuNanos = CpuClock.processCpuNanos() - cpuStart;
            if (failure.get() != null || acked.get() != args.records()) {
                throw new IllegalStateException("only " + acked.get() + " of " + args.records() + " records were "
                    + "acknowledged", failure.get());
            }
            LoadArgs.printResult(args.records(), nanos, cpuNanos);
        }
    }
}
