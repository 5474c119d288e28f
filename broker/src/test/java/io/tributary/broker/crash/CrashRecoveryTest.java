package io.tributary.broker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a broker running in a child JVM with SIGKILL while a kafka-clients producer streams {@code acks=all}
 * records into it, restarts it on the same data directory and checks that nothing acknowledged was lost: every
 * acknowledged record is read back at its acknowledged offset, offsets are contiguous from 0, nothing is
 * duplicated, and the recovered log reads to its end without a corrupt tail and takes new appends.
 */
final class CrashRecoveryTest {
    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 2;
    private static final int ACKED_BEFORE_KILL = 2_000;
    private static final int MAX_RECORDS = 1_000_000;
    private static final int MAX_UNSETTLED = 1_000;
    private static final Duration TIMEOUT = CrashClients.TIMEOUT;

    /** A record the broker acknowledged. */
    private record Acked(int partition, long offset, String value) {
    }

    @Test
    @Timeout(90)
    void everyAcknowledgedRecordSurvivesSigkillAndTheLogReadsToItsEnd(@TempDir Path dir) throws Exception {
        int port = BrokerProcess.freePort();
        Path properties = BrokerProcess.writeProperties(dir, port);
        String bootstrap = "localhost:" + port;
        Outcomes outcomes = new Outcomes();
        ExecutorService producerThread = Executors.newSingleThreadExecutor();
        BrokerProcess first = null;
        BrokerProcess second = null;
        try {
            first = BrokerProcess.start(properties, port, "first");
            CrashClients.createTopic(bootstrap, TOPIC, PARTITIONS);

            AtomicBoolean stop = new AtomicBoolean();
            Future<Integer> sent = producerThread.submit(() -> produceUntilStopped(bootstrap, outcomes, stop));
            awaitAcknowledged(outcomes, ACKED_BEFORE_KILL, sent, first);
            first.kill();
            // The producer keeps sending into the dead broker for a moment: those records are never acknowledged.
            Thread.sleep(300);
            stop.set(true);
            int sentCount = sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.out.printf("sent %s records, %s acknowledged, %s failed%n", sentCount, outcomes.records.size(),
                outcomes.failures.get());
            assertThat(outcomes.records).hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
            assertThat(outcomes.failures.get()).as("records sent after the kill must fail").isPositive();

            second = BrokerProcess.start(properties, port, "second");
            List<ConsumerRecord<String, String>> read = CrashClients.readAll(bootstrap, TOPIC, PARTITIONS);
            System.out.printf("read %s records after the restart%n", read.size());
            assertRecovered(read, List.copyOf(outcomes.records), sentCount);
            assertAppendsContinueAtTheEnd(bootstrap, read);
        } catch (AssertionError | RuntimeException e) {
            addBrokerOutput(e, first, second);
            throw e;
        } finally {
            producerThread.shutdownNow();
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    /** Acknowledged records and failed sends, filled in by producer callbacks. */
    private static final class Outcomes {
        final ConcurrentLinkedQueue<Acked> records = new ConcurrentLinkedQueue<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
    }

    /**
     * Sends "0", "1", "2", ... round-robin over the partitions until {@code stop}, keeping at most
     * {@link #MAX_UNSETTLED} records without a callback; returns how many it sent. {@code retries=0} and one request
     * in flight: a record is written at most once and in order, so any duplicate or reordering is the broker's.
     */
    private static int produceUntilStopped(String bootstrap, Outcomes outcomes, AtomicBoolean stop) throws Exception {
        int sent = 0;
        try (KafkaProducer<String, String> producer = CrashClients.producer(bootstrap)) {
            try {
                for (int i = 0; i < MAX_RECORDS && !stop.get(); i++) {
                    while (i - outcomes.settled.get() > MAX_UNSETTLED && !stop.get()) {
                        Thread.sleep(1);
                    }
                    String value = Integer.toString(i);
                    producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value),
                        (metadata, error) -> settle(outcomes, metadata, error, value));
                    sent++;
                }
            } finally {
                // Bounded: fails what the dead broker never answered, so every callback has run on return.
                producer.close(Duration.ofSeconds(5));
            }
        }
        return sent;
    }

    private static void settle(Outcomes outcomes, RecordMetadata metadata, Exception error, String value) {
        if (error == null) {
            outcomes.records.add(new Acked(metadata.partition(), metadata.offset(), value));
        } else {
            outcomes.failures.incrementAndGet();
        }
        outcomes.settled.incrementAndGet();
    }

    private static void awaitAcknowledged(Outcomes outcomes, int count, Future<Integer> producer, BrokerProcess broker)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (outcomes.records.size() < count) {
            if (producer.isDone()) {
                throw new AssertionError("Producer stopped after " + outcomes.records.size() + " acknowledged records, "
                    + outcomes.failures.get() + " failed: " + failure(producer));
            }
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Only " + outcomes.records.size() + " records acknowledged in " + TIMEOUT
                    + ", " + outcomes.failures.get() + " failed; broker alive: " + broker.isAlive());
            }
            Thread.sleep(5);
        }
    }

    private static String failure(Future<Integer> producer) {
        try {
            return "sent " + producer.get();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void assertRecovered(List<ConsumerRecord<String, String>> read, List<Acked> acked, int sent) {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = read.stream()
            .collect(Collectors.groupingBy(ConsumerRecord::partition));
        for (int p = 0; p < PARTITIONS; p++) {
            List<ConsumerRecord<String, String>> records = byPartition.getOrDefault(p, List.of());
            int partition = p;
            assertThat(records).extracting(ConsumerRecord::offset)
                .as("offsets of partition %s", p)
                .containsExactlyElementsOf(IntStream.range(0, records.size()).mapToObj(Long::valueOf).toList());
            assertThat(records).extracting(r -> Integer.parseInt(r.value()))
                .as("values of partition %s, in send order", p)
                .isSortedAccordingTo(Comparator.naturalOrder())
                .allMatch(v -> v % PARTITIONS == partition && v < sent);
        }
        Set<String> seen = new HashSet<>();
        List<String> duplicates = read.stream()
            .map(ConsumerRecord::value)
            .filter(v -> !seen.add(v))
            .toList();
        assertThat(duplicates).as("values written twice").isEmpty();

        Map<String, ConsumerRecord<String, String>> byValue = new HashMap<>();
        read.forEach(r -> byValue.put(r.value(), r));
        List<Acked> lost = acked.stream()
            .filter(a -> {
                ConsumerRecord<String, String> r = byValue.get(a.value());
                return r == null || r.partition() != a.partition() || r.offset() != a.offset();
            })
            .toList();
        assertThat(lost).as("acknowledged records missing or moved after the restart (%s acknowledged, %s read)",
            acked.size(), read.size()).isEmpty();
    }

    /** The recovered log takes appends at its end offset, and they read back. */
    private static void assertAppendsContinueAtTheEnd(String bootstrap, List<ConsumerRecord<String, String>> before)
            throws Exception {
        long end = before.stream()
            .filter(r -> r.partition() == 0)
            .count();
        List<String> values = List.of("after-0", "after-1", "after-2");
        assertThat(CrashClients.sendAcknowledged(bootstrap, TOPIC, 0, values)).as("offsets of appends after recovery")
            .containsExactly(end, end + 1, end + 2);
        List<ConsumerRecord<String, String>> after = CrashClients.readAll(bootstrap, TOPIC, PARTITIONS);
        assertThat(after).hasSize(before.size() + values.size());
        assertThat(after.stream().filter(r -> r.partition() == 0).skip(end))
            .extracting(ConsumerRecord::value)
            .containsExactlyElementsOf(values);
    }

    private static void addBrokerOutput(Throwable e, BrokerProcess first, BrokerProcess second) {
        for (BrokerProcess b : new BrokerProcess[] {first, second}) {
            if (b != null) {
                e.addSuppressed(new RuntimeException("output of the broker child JVM:\n" + b.output()));
            }
        }
    }
}
