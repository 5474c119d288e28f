package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Three members join and leave a group while 100,000 records are processed at-least-once: nothing may be lost, and
 * with the cooperative protocol, whose revocations are clean (in-flight records acknowledged and committed before a
 * partition moves), nothing may be processed twice either. Subclasses give the broker.
 */
abstract class GroupChurnSuite {
    private static final int RECORDS = 100_000;
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(120);

    abstract String bootstrapServers();

    @Test
    void membersJoiningAndLeavingLoseNothingAndCooperativeRevocationsDuplicateNothing() throws InterruptedException {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "churn", PARTITIONS);
        KafkaWriter.write(bootstrapServers(), topic, PARTITIONS, 0, RECORDS);
        ConsumerOptions<String, String> options = ConsumerOptions.create(ClientOptions.create(bootstrapServers()),
                Serdes.string().deserializer(), Serdes.string().deserializer())
            .groupId("churn-" + UUID.randomUUID())
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST)
            .assignors(List.of("cooperative-sticky"))
            .heartbeatInterval(Duration.ofMillis(500));
        Map<Long, AtomicInteger> timesProcessed = new ConcurrentHashMap<>();
        AtomicInteger processed = new AtomicInteger();
        List<Disposable> members = new ArrayList<>();

        members.add(member(options, timesProcessed, processed));
        awaitProgress(processed::get, 20_000);
        members.add(member(options, timesProcessed, processed));
        awaitProgress(processed::get, 40_000);
        members.add(member(options, timesProcessed, processed));
        awaitProgress(processed::get, 60_000);
        members.get(0).dispose();   // the first member leaves the group
        awaitProgress(timesProcessed::size, RECORDS);
        members.forEach(Disposable::dispose);

        assertThat(timesProcessed).hasSize(RECORDS);
        long duplicated = timesProcessed.values().stream().filter(n -> n.get() > 1).count();
        assertThat(duplicated).as("records processed more than once: %s", duplicatesByPartition(timesProcessed))
            .isZero();
    }

    /** A member that processes each record (a short pause every 100 to let the others join) and acknowledges it. */
    private static Disposable member(ConsumerOptions<String, String> options, Map<Long, AtomicInteger> timesProcessed,
                                     AtomicInteger processed) {
        return TributaryConsumer.create(options).receive()
            .concatMap(r -> {
                // Partition and offset as one key: the value's index is unique across the topic.
                long index = Long.parseLong(r.value().substring("value-".length()));
                timesProcessed.computeIfAbsent(index, i -> new AtomicInteger()).incrementAndGet();
                processed.incrementAndGet();
                r.acknowledge();
                return index % 100 == 0 ? Mono.delay(Duration.ofMillis(15)).thenReturn(r) : Mono.just(r);
            })
            .subscribe();
    }

    /** Per partition (value index modulo the partitions): how many records were duplicated, first and last. */
    private static Map<Long, LongSummaryStatistics> duplicatesByPartition(Map<Long, AtomicInteger> timesProcessed) {
        return timesProcessed.entrySet().stream()
            .filter(e -> e.getValue().get() > 1)
            .collect(Collectors.groupingBy(e -> e.getKey() % PARTITIONS, TreeMap::new,
                Collectors.summarizingLong(e -> e.getKey() / PARTITIONS)));
    }

    private static void awaitProgress(IntSupplier progress, int target) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (progress.getAsInt() < target) {
            assertThat(System.nanoTime()).as("progress reached " + target + " in time (at " + progress.getAsInt()
                + ")").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
