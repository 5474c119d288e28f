package io.tributary.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.serdes.Serdes;
import io.tributary.testkit.ChaosProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Idempotent sends through a proxy that cuts every connection again and again mid-stream: every record is written
 * exactly once, in order within its partition. Subclasses give a broker whose advertised address is the proxy.
 */
abstract class ConnectionCutsSuite {
    private static final int RECORDS = 20_000;
    private static final int CUT_EVERY = 1_500;

    /** The proxy's port: the broker advertises it. */
    abstract int proxyPort();

    /** Where the proxy forwards to: the broker's real listener. */
    abstract int brokerPort();

    @Test
    void idempotentSendsSurviveConnectionCutsWithoutDuplicatesOrReordering() throws Exception {
        try (ChaosProxy proxy = ChaosProxy.start(proxyPort(), brokerPort())) {
            String bootstrap = "localhost:" + proxy.port();
            String topic = KafkaReader.createTopic(bootstrap, "cuts", 3);
            TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions
                .create(ClientOptions.create(bootstrap).retryBackoff(Duration.ofMillis(20))
                        .requestTimeout(Duration.ofSeconds(10)),
                    Serdes.string().serializer(), Serdes.string().serializer())
                .batchSize(2048)
                .linger(Duration.ofMillis(1)));
            AtomicLong acknowledged = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            Thread cutter = new Thread(() -> cutWhileSending(proxy, acknowledged, done), "cutter");
            cutter.start();
            List<SendResult<Integer>> results;
            try {
                results = producer.send(Flux.range(0, RECORDS)
                        .map(i -> ProducerRecord.of(topic, "key-" + (i % 30), Integer.toString(i)).correlate(i)))
                    .doOnNext(r -> acknowledged.incrementAndGet())
                    .collectList()
                    .block(Duration.ofMinutes(2));
            } finally {
                done.set(true);
                cutter.join();
                producer.closeNow();
            }
            assertThat(results).hasSize(RECORDS).allMatch(SendResult::isSent);
            assertThat(proxy.cuts()).as("connections cut while sending").isGreaterThanOrEqualTo(5);

            List<ConsumerRecord<byte[], byte[]>> read = KafkaReader.readAll(bootstrap, topic, RECORDS);
            assertThat(read).as("every record exactly once").hasSize(RECORDS);
            Map<Integer, Integer> lastPerPartition = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                int value = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8));
                Integer last = lastPerPartition.put(r.partition(), value);
                assertThat(last == null || last < value).as("partition %d: %d after %s", r.partition(), value, last)
                    .isTrue();
            }
        }
    }

    private static void cutWhileSending(ChaosProxy proxy, AtomicLong acknowledged, AtomicBoolean done) {
        long nextCut = CUT_EVERY;
        while (!done.get()) {
            if (acknowledged.get() >= nextCut) {
                proxy.cutAll();
                nextCut += CUT_EVERY;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
