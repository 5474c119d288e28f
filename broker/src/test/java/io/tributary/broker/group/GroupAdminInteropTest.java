package io.tributary.broker.group;

import static io.tributary.broker.group.GroupClients.commit;
import static io.tributary.broker.group.GroupClients.consumer;
import static io.tributary.broker.group.GroupClients.pollUntil;
import static io.tributary.broker.group.GroupClients.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kafka-clients' Admin group operations against the embedded broker's coordinator. */
final class GroupAdminInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicPartition P0 = new TopicPartition("audit", 0);
    private static final TopicPartition P1 = new TopicPartition("audit", 1);

    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("group.initial.rebalance.delay.ms", "0")).start();
        admin = GroupClients.admin(broker);
        admin.createTopics(List.of(new NewTopic("audit", 2, (short) 1))).all().get();
        produce(broker, "audit", 2, 5, "a");
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void adminListsDescribesFetchesAndDeletesAConsumerGroup() throws Exception {
        KafkaConsumer<String, String> consumer = consumer(broker, "admin-group", "auditor");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try {
            consumer.subscribe(List.of("audit"));
            pollUntil(List.of(consumer), got::add, () -> got.size() >= 10 && consumer.assignment().size() == 2,
                WAIT);
            commit(List.of(consumer), consumer, got::add);

            assertThat(listed("admin-group").groupState()).contains(GroupState.STABLE);
            assertThat(listed("admin-group").isSimpleConsumerGroup()).isFalse();
            ConsumerGroupDescription d = describe("admin-group");
            assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(d.partitionAssignor()).isEqualTo("range");
            assertThat(d.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("auditor");
                assertThat(m.host()).isEqualTo("/127.0.0.1");
                assertThat(m.assignment().topicPartitions()).containsExactlyInAnyOrder(P0, P1);
            });
            assertThat(offsets("admin-group")).containsOnlyKeys(P0, P1)
                .allSatisfy((tp, o) -> assertThat(o.offset()).isEqualTo(5));

            assertThatThrownBy(() -> admin.deleteConsumerGroupOffsets("admin-group", Set.of(P0)).all().get())
                .hasCauseInstanceOf(GroupSubscribedToTopicException.class);
            assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("admin-group")).all().get())
                .hasCauseInstanceOf(GroupNotEmptyException.class);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }

        ConsumerGroupDescription empty = describe("admin-group");
        assertThat(empty.groupState()).isEqualTo(GroupState.EMPTY);
        assertThat(empty.members()).extracting(MemberDescription::consumerId).isEmpty();
        admin.deleteConsumerGroupOffsets("admin-group", Set.of(P0)).all().get();
        assertThat(offsets("admin-group")).containsOnlyKeys(P1);

        admin.deleteConsumerGroups(List.of("admin-group")).all().get();
        assertThat(groupIds()).doesNotContain("admin-group");
        assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("admin-group")).all().get())
            .hasCauseInstanceOf(GroupIdNotFoundException.class);
    }

    @Test
    void adminCommitsAsASimpleClientWhileTheGroupIsEmpty() throws Exception {
        admin.alterConsumerGroupOffsets("simple-group", Map.of(P0, new OffsetAndMetadata(3, "from admin")))
            .all().get();
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets("simple-group");
        assertThat(offsets.get(P0).offset()).isEqualTo(3);
        assertThat(offsets.get(P0).metadata()).isEqualTo("from admin");
        assertThat(listed("simple-group").isSimpleConsumerGroup()).isTrue();
        assertThat(listed("simple-group").groupState()).contains(GroupState.EMPTY);
        assertThat(describe("simple-group").groupState()).isEqualTo(GroupState.EMPTY);

        // A consumer of the group starts from the offset the admin committed.
        KafkaConsumer<String, String> consumer = consumer(broker, "simple-group", "resumer");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try {
            consumer.subscribe(List.of("audit"));
            pollUntil(List.of(consumer), got::add, () -> got.size() >= 7, WAIT);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
        assertThat(got).filteredOn(r -> r.partition() == 0).extracting(ConsumerRecord::offset)
            .containsExactly(3L, 4L);
    }

    @Test
    void unknownGroupsAreReportedAsSuch() {
        assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("nobody")).all().get())
            .hasCauseInstanceOf(GroupIdNotFoundException.class);
        assertThatThrownBy(() -> describe("nobody")).hasCauseInstanceOf(GroupIdNotFoundException.class);
    }

    private static ConsumerGroupListing listed(String group) throws Exception {
        Collection<ConsumerGroupListing> all = admin.listConsumerGroups().all().get();
        return all.stream().filter(l -> l.groupId().equals(group)).findFirst().orElseThrow();
    }

    private static List<String> groupIds() throws Exception {
        return admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList();
    }

    private static ConsumerGroupDescription describe(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
}
