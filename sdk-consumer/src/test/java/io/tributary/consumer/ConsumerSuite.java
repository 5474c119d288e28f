package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.serdes.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The consumer against a real broker; run against Tributary and Apache Kafka by the subclasses. */
abstract class ConsumerSuite {
    static final Duration WAIT = Duration.ofSeconds(60);

    abstract String bootstrapServers();

    ConsumerOptions<String, String> options() {
        return ConsumerOptions.create(ClientOptions.create(bootstrapServers()), Serdes.string().deserializer(),
                Serdes.string().deserializer())
            .offsetReset(OffsetReset.EARLIEST);
    }

    static String group() {
        return "group-" + UUID.randomUUID();
    }

    @Test
    void assignedPartitionsAreReadWithKeysValuesHeadersAndTimestamps() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "assigned", 2);
        KafkaWriter.write(bootstrapServers(), topic, 2, 0, 100);
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .assignment(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1))));
        List<ReceivedRecord<String, String>> records = consumer.receive().take(100).collectList().block(WAIT);
        assertThat(records).hasSize(100);
        for (ReceivedRecord<String, String> r : records) {
            int i = Integer.parseInt(r.key().substring(4));
            assertThat(r.value()).isEqualTo("value-" + i);
            assertThat(r.partition()).isEqualTo(i % 2);
            assertThat(r.offset()).isEqualTo(i / 2);
            assertThat(r.timestamp()).isEqualTo(1000L + i);
            assertThat(new String(r.headers().get(0).value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void aGroupMemberReadsEverythingAndCommitsWhatWasAcknowledged() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "group-read", 3);
        KafkaWriter.write(bootstrapServers(), topic, 3, 0, 300);
        String group = group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic)));
        StepVerifier.create(consumer.receive()
                .doOnNext(ReceivedRecord::acknowledge)
                .take(300)
                .map(ReceivedRecord::value)
                .collect(HashSet::new, Set::add))
            .assertNext(values -> assertThat(values).hasSize(300))
            .expectComplete()
            .verify(WAIT);
        var committed = KafkaWriter.committed(bootstrapServers(), group);
        assertThat(committed).hasSize(3);
        committed.values().forEach(o -> assertThat(o.offset()).isEqualTo(100L));
    }

    @Test
    void outOfOrderAcknowledgementsCommitOnlyTheContiguousPrefix() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "prefix", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 10);
        String group = group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .assignment(List.of(new TopicPartition(topic, 0))));
        List<ReceivedRecord<String, String>> records = new ArrayList<>();
        StepVerifier.create(consumer.receive()
                .concatMap(r -> {
                    records.add(r);
                    if (records.size() < 10) {
                        return Mono.empty();
                    }
                    for (int i : new int[] {5, 0, 1, 2, 4, 7}) {
                        records.get(i).acknowledge();
                    }
                    return r.commit().thenReturn(records.size());
                })
                .next())
            .expectNext(10)
            .expectComplete()
            .verify(WAIT);
        // 0,1,2 acknowledged, 3 not: the committed offset is 3 however much came after it.
        assertThat(KafkaWriter.committed(bootstrapServers(), group).values())
            .extracting(o -> o.offset()).containsExactly(3L);
    }

    @Test
    void aRestartedConsumerResumesFromTheCommittedOffset() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "resume", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 20);
        String group = group();
        ConsumerOptions<String, String> options = options().groupId(group).subscription(List.of(topic));
        List<String> first = TributaryConsumer.create(options).receive()
            .take(8)
            .concatMap(r -> r.commit().thenReturn(r.value()))
            .collectList()
            .block(WAIT);
        assertThat(first).hasSize(8);
        String next = TributaryConsumer.create(options).receive().next().map(ReceivedRecord::value).block(WAIT);
        assertThat(next).isEqualTo("value-8");
    }

    @Test
    void latestResetReadsOnlyRecordsWrittenAfterTheStart() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "latest", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 5);
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .offsetReset(OffsetReset.LATEST)
            .assignment(List.of(new TopicPartition(topic, 0))));
        StepVerifier.create(consumer.receive().map(ReceivedRecord::value).take(2))
            .then(() -> {
                // Give the consumer time to find its starting position before writing.
                sleep(1500);
                KafkaWriter.write(bootstrapServers(), topic, 1, 5, 2);
            })
            .expectNext("value-5", "value-6")
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void aCommitDoesNotWaitBehindALongPollingFetch() {
        // Once the records are read, the next Fetch waits up to fetch.max.wait.ms for more; a broker answers a
        // connection's requests in order, so the commit must go to the coordinator over a connection of its own.
        String topic = KafkaWriter.createTopic(bootstrapServers(), "commit-during-poll", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 5);
        String group = group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic))
            .fetchMaxWait(Duration.ofSeconds(20)));
        StepVerifier.create(consumer.receive()
                .doOnNext(ReceivedRecord::acknowledge)
                .filter(r -> r.offset() == 4)
                .concatMap(last -> Mono.delay(Duration.ofMillis(300)).then(last.commit()).thenReturn(last.offset()))
                .take(1))
            .expectNext(4L)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        assertThat(KafkaWriter.committed(bootstrapServers(), group).values())
            .singleElement().satisfies(o -> assertThat(o.offset()).isEqualTo(5L));
    }

    @Test
    void seekMovesToTheBeginningAndToATimestamp() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "seek", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 10);
        TopicPartition tp = new TopicPartition(topic, 0);
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options().assignment(List.of(tp)));
        List<Long> offsets = new CopyOnWriteArrayList<>();
        StepVerifier.create(consumer.receive().doOnNext(r -> offsets.add(r.offset())).map(ReceivedRecord::offset),
                1)
            .expectNext(0L)
            .then(() -> consumer.seekToTimestamp(List.of(tp), 1007L).block(WAIT))
            .thenRequest(1)
            .expectNext(7L)
            .then(() -> consumer.seek(tp, 3).block(WAIT))
            .thenRequest(1)
            .expectNext(3L)
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void autoAckBatchesAndConcurrentPartitionsKeepPerPartitionOrder() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "concurrent", 4);
        KafkaWriter.write(bootstrapServers(), topic, 4, 0, 400);
        String group = group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic)));
        Map<Integer, List<Long>> seen = new ConcurrentHashMap<>();
        StepVerifier.create(consumer.receiveConcurrently(4, r -> Mono.delay(Duration.ofMillis(r.offset() % 3))
                    .doOnNext(t -> seen.computeIfAbsent(r.partition(), p -> new CopyOnWriteArrayList<>())
                        .add(r.offset()))
                    .thenReturn(r.offset()))
                .take(400)
                .count())
            .expectNext(400L)
            .expectComplete()
            .verify(WAIT);
        assertThat(seen).hasSize(4);
        seen.values().forEach(list -> assertThat(list).isSorted().hasSize(100));

        TributaryConsumer<String, String> batches = TributaryConsumer.create(options()
            .groupId(group())
            .subscription(List.of(topic)));
        StepVerifier.create(batches.receiveAutoAck(50).concatMap(batch -> batch).take(400).count())
            .expectNext(400L)
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void aSubscriberThatStopsRequestingKeepsItsPlaceAndMemoryStaysBounded() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "slow", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 2000);
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group())
            .subscription(List.of(topic))
            .sessionTimeout(Duration.ofSeconds(6))
            .heartbeatInterval(Duration.ofMillis(500))
            .prefetchBytes(4096)
            .maxPartitionFetchBytes(2048));
        List<Long> offsets = new ArrayList<>();
        StepVerifier.create(consumer.receive().doOnNext(r -> offsets.add(r.offset())), 5)
            .expectNextCount(5)
            // Longer than the session timeout: heartbeats must go on while nothing is requested.
            .thenAwait(Duration.ofSeconds(8))
            .thenRequest(5)
            .expectNextCount(5)
            .thenCancel()
            .verify(WAIT);
        assertThat(offsets).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> (long) i).toList());
    }

    @Test
    void atMostOnceCommitsBeforeEmitting() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "at-most-once", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 5);
        String group = group();
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic)));
        StepVerifier.create(consumer.receiveAtMostOnce().take(3).map(ReceivedRecord::offset))
            .expectNext(0L, 1L, 2L)
            .expectComplete()
            .verify(WAIT);
        assertThat(KafkaWriter.committed(bootstrapServers(), group).values())
            .extracting(o -> o.offset()).containsExactly(3L);
    }

    @Test
    void twoMembersShareTheWorkWithoutDuplicates() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "shared", 4);
        KafkaWriter.write(bootstrapServers(), topic, 4, 0, 400);
        String group = group();
        ConsumerOptions<String, String> options = options().groupId(group).subscription(List.of(topic))
            .commitInterval(Duration.ofMillis(200));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        Flux<String> first = TributaryConsumer.create(options).receive()
            .delayElements(Duration.ofMillis(5))
            .doOnNext(r -> {
                if (!seen.add(r.value())) {
                    duplicates.add(r.value());
                }
                r.acknowledge();
            })
            .map(ReceivedRecord::value);
        Flux<String> second = Mono.delay(Duration.ofMillis(500))
            .thenMany(TributaryConsumer.create(options).receive())
            .doOnNext(r -> {
                if (!seen.add(r.value())) {
                    duplicates.add(r.value());
                }
                r.acknowledge();
            })
            .map(ReceivedRecord::value);
        Flux.merge(first, second)
            .takeUntil(v -> seen.size() >= 400)
            .blockLast(WAIT);
        assertThat(seen).hasSize(400);
        assertThat(duplicates).isEmpty();
    }

    @Test
    void theAssignmentListenerHearsOfPartitionsBeforeTheirRecordsAndOfTheirRevocationAfterTheirCommit() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "listened", 2);
        KafkaWriter.write(bootstrapServers(), topic, 2, 0, 20);
        String group = group();
        List<String> events = new CopyOnWriteArrayList<>();
        AssignmentListener listener = new AssignmentListener() {
            @Override
            public void onAssigned(Set<TopicPartition> added) {
                events.add("assigned " + added.size() + " on " + Thread.currentThread().getName());
            }

            @Override
            public Mono<Void> onRevoked(Set<TopicPartition> revoked) {
                // What the group has committed by now, read off the listener's thread (the admin call blocks).
                return Mono.fromCallable(() -> KafkaWriter.committed(bootstrapServers(), group))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(committed -> events.add("revoked " + revoked.size() + " committed "
                        + committed.values().stream().mapToLong(o -> o.offset()).sum()))
                    .then();
            }
        };
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic))
            .assignmentListener(listener));
        Set<TopicPartition> seen = ConcurrentHashMap.newKeySet();
        consumer.receive()
            .doOnNext(r -> {
                if (seen.add(r.topicPartition())) {
                    events.add("first record of " + r.topicPartition());
                }
                r.acknowledge();
            })
            .take(20)
            .blockLast(WAIT);
        consumer.close().block(WAIT);

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).startsWith("assigned 2 on ").doesNotContain("epoll");
        assertThat(events.subList(1, 3)).allMatch(e -> e.startsWith("first record of "));
        assertThat(events.get(3)).as("told after every acknowledged offset was committed")
            .isEqualTo("revoked 2 committed 20");
    }

    @Test
    void recordsHeldBackUntilOnRevokingAreAcknowledgedInTimeForTheCommitOnRevocation() {
        String topic = KafkaWriter.createTopic(bootstrapServers(), "held", 1);
        KafkaWriter.write(bootstrapServers(), topic, 1, 0, 10);
        String group = group();
        List<ReceivedRecord<String, String>> held = new CopyOnWriteArrayList<>();
        AssignmentListener listener = new AssignmentListener() {
            @Override
            public void onRevoking(Set<TopicPartition> revoking) {
                // A write-back cache would flush here; the records it held are then done.
                held.forEach(ReceivedRecord::acknowledge);
            }
        };
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(options()
            .groupId(group)
            .subscription(List.of(topic))
            .revocationTimeout(Duration.ofSeconds(2))
            .assignmentListener(listener));
        consumer.receive().doOnNext(held::add).take(10).blockLast(WAIT);
        consumer.close().block(WAIT);

        // Without the call before the wait, nothing would be acknowledged when the revocation commits.
        assertThat(KafkaWriter.committed(bootstrapServers(), group).values().stream().mapToLong(o -> o.offset())
            .sum()).isEqualTo(10);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
