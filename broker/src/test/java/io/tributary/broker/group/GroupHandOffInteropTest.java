package io.tributary.broker.group;

import static io.tributary.broker.group.GroupClients.consumer;
import static io.tributary.broker.group.GroupClients.newProtocolConsumer;
import static io.tributary.broker.group.GroupClients.pollUntil;
import static io.tributary.broker.group.GroupClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three kafka-clients consumers join and leave one group while records keep coming; each commits what it read when
 * it gives partitions up. Across every hand-off each record is read exactly once, for the classic protocol with the
 * eager range and the cooperative-sticky assignors and for the KIP-848 consumer protocol.
 */
final class GroupHandOffInteropTest {
    /**
     * The next offset to read per partition, across members: one member reads a partition at a time, so the value
     * is what the member giving it up has read (topics differ per test run).
     */
    private static final Map<TopicPartition, Long> READ_UP_TO = new ConcurrentHashMap<>();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final int PARTITIONS = 6;

    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.create(GroupClients.fastGroups()).start();
        admin = GroupClients.admin(broker);
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eager-range", "cooperative-sticky", "consumer-protocol"})
    void everyRecordIsReadExactlyOnceWhileMembersJoinAndLeave(String mode) throws Exception {
        String topic = "handoff-" + mode;
        String group = "handoff-group-" + mode;
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        Map<String, Integer> reads = new ConcurrentHashMap<>();
        List<String> produced = new ArrayList<>();
        List<KafkaConsumer<String, String>> active = new ArrayList<>();

        KafkaConsumer<String, String> c1 = join(mode, group, "c1", topic, active);
        produced.addAll(produce(broker, topic, PARTITIONS, 3, "one"));
        readAll(active, reads, produced);
        KafkaConsumer<String, String> c2 = join(mode, group, "c2", topic, active);
        produced.addAll(produce(broker, topic, PARTITIONS, 3, "two"));
        readAll(active, reads, produced);
        KafkaConsumer<String, String> c3 = join(mode, group, "c3", topic, active);
        produced.addAll(produce(broker, topic, PARTITIONS, 3, "three"));
        readAll(active, reads, produced);
        // Let the three-member generation settle so that every member owns partitions.
        pollUntil(active, r -> record(reads, r), () -> active.stream().allMatch(c -> !c.assignment().isEmpty())
            && total(active) == PARTITIONS, WAIT);

        leave(c2, active);
        produced.addAll(produce(broker, topic, PARTITIONS, 3, "four"));
        readAll(active, reads, produced);
        leave(c1, active);
        produced.addAll(produce(broker, topic, PARTITIONS, 3, "five"));
        readAll(active, reads, produced);
        leave(c3, active);

        assertThat(reads.keySet()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(reads).allSatisfy((value, times) -> assertThat(times).as(value).isEqualTo(1));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        assertThat(committed).hasSize(PARTITIONS).allSatisfy((tp, o) -> assertThat(o.offset()).isEqualTo(15));
    }

    private static KafkaConsumer<String, String> join(String mode, String group, String clientId, String topic,
                                                      List<KafkaConsumer<String, String>> active) {
        KafkaConsumer<String, String> c = switch (mode) {
            case "eager-range" -> consumer(broker, group, clientId, RangeAssignor.class.getName());
            case "cooperative-sticky" -> consumer(broker, group, clientId, CooperativeStickyAssignor.class.getName());
            default -> newProtocolConsumer(broker, group, clientId);
        };
        c.subscribe(List.of(topic), new CommitOnRevoke(c));
        active.add(c);
        return c;
    }

    private static void leave(KafkaConsumer<String, String> c, List<KafkaConsumer<String, String>> active) {
        active.remove(c);
        // close() revokes the partitions, so the listener commits what was read.
        c.close(Duration.ofSeconds(10));
    }

    private static void readAll(List<KafkaConsumer<String, String>> active, Map<String, Integer> reads,
                                List<String> produced) {
        pollUntil(active, r -> record(reads, r), () -> reads.keySet().containsAll(produced), WAIT);
    }

    private static void record(Map<String, Integer> reads, ConsumerRecord<String, String> r) {
        reads.merge(r.value(), 1, Integer::sum);
        READ_UP_TO.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
    }

    private static int total(List<KafkaConsumer<String, String>> active) {
        return active.stream().mapToInt(c -> c.assignment().size()).sum();
    }

    /**
     * Commits what was read of the partitions the consumer gives up, before anyone else can read them. What was
     * read, not {@code position()}: for a partition revoked before its position was looked up, position() in the
     * listener waits (the new consumer protocol's revocation holds the lookup back) until its time-out, long enough
     * for the other members' poll timers to expire.
     */
    private record CommitOnRevoke(KafkaConsumer<String, String> consumer) implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Long next = READ_UP_TO.get(tp);
                if (next != null) {
                    offsets.put(tp, new OffsetAndMetadata(next));
                }
            }
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }
}
