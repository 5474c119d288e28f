package io.tributary.benchmarks.clients;

import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes 100 B records at a steady rate, round-robin over the partitions of one topic, with kafka-clients'
 * {@code KafkaProducer} (default settings) from one scheduler thread, so a consumer group always has something to
 * read and any pause in what it receives shows. Not thread-safe; {@link #close()} stops it.
 */
final class SteadyWriter implements AutoCloseable {
    private static final long TICK_MILLIS = 1;

    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService ticker;
    private final String topic;
    private final int partitions;
    private final int perTick;
    private final byte[] payload = new byte[100];
    private long sent;

    private SteadyWriter(String bootstrap, String topic, int partitions, int recordsPerSecond) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.partitions = partitions;
        this.perTick = Math.max(1, recordsPerSecond / 1000);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "steady-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts writing {@code recordsPerSecond} records (rounded to whole records per millisecond). */
    static SteadyWriter start(String bootstrap, String topic, int partitions, int recordsPerSecond) {
        SteadyWriter writer = new SteadyWriter(bootstrap, topic, partitions, recordsPerSecond);
        writer.ticker.scheduleAtFixedRate(writer::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return writer;
    }

    private void tick() {
        for (int i = 0; i < perTick; i++) {
            producer.send(new ProducerRecord<>(topic, (int) (sent++ % partitions), null, payload));
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
    }
}
