package io.tributary.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

/**
 * Every admin call against a real broker; run against Tributary's broker and Apache Kafka by the subclasses. Records
 * are written and groups joined with Kafka's own clients, so the admin client is checked against what they did.
 */
abstract class AdminSuite {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    TributaryAdmin admin;

    abstract String bootstrapServers();

    @BeforeEach
    void start() {
        admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(bootstrapServers())
            .clientId("admin-suite")
            .apiTimeout(Duration.ofSeconds(40))
            .retryBackoff(Duration.ofMillis(50))));
    }

    @AfterEach
    void stop() {
        StepVerifier.create(admin.close()).expectComplete().verify(TIMEOUT);
    }

    // ---- topics ----

    @Test
    void createsATopicWithConfigsAndDescribesItsPartitions() {
        String topic = unique("created");
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(topic, 3, (short) 1)
                .config("cleanup.policy", "compact"))))
            .assertNext(created -> {
                assertThat(created).containsOnlyKeys(topic);
                assertThat(created.get(topic).partitions()).isEqualTo(3);
                assertThat(created.get(topic).replicationFactor()).isEqualTo((short) 1);
                assertThat(created.get(topic).topicId()).isNotEqualTo(new UUID(0, 0));
            })
            .expectComplete()
            .verify(TIMEOUT);
        TopicDescription description = awaitTopic(topic, 3);
        assertThat(description.name()).isEqualTo(topic);
        assertThat(description.internal()).isFalse();
        assertThat(description.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2);
        BrokerNode broker = onlyBroker();
        for (TopicPartitionInfo p : description.partitions()) {
            assertThat(p.leader()).isEqualTo(broker);
            assertThat(p.replicas()).containsExactly(broker);
            assertThat(p.isr()).containsExactly(broker);
        }
        StepVerifier.create(admin.describeConfigs(ConfigResource.topic(topic)))
            .assertNext(configs -> assertThat(configs.get(ConfigResource.topic(topic)).entry("cleanup.policy"))
                .hasValueSatisfying(e -> assertThat(e.value()).isEqualTo("compact")))
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void createTopicsReturnsTheTopicIdThatDescribeTopicsShows() {
        String topic = unique("ids");
        UUID id = admin.createTopics(List.of(NewTopic.of(topic, 1))).block(TIMEOUT).get(topic).topicId();
        assertThat(awaitTopic(topic, 1).topicId()).isEqualTo(id);
    }

    @Test
    void validateOnlyChecksWithoutCreating() {
        String topic = unique("validated");
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(topic, 2, (short) 1)), true))
            .assertNext(created -> assertThat(created.get(topic).partitions()).isEqualTo(2))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.describeTopics(List.of(topic)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
    }

    @Test
    void creatingAnExistingTopicFailsWithTopicAlreadyExistsNamingIt() {
        String topic = createTopic("existing", 1);
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(topic, 1))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.TOPIC_ALREADY_EXISTS, topic))
            .verify(TIMEOUT);
    }

    @Test
    void aFailedTopicDoesNotStopTheOthersAndItsErrorIsReported() {
        String existing = createTopic("half-existing", 1);
        String fresh = unique("half-fresh");
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(existing, 1), NewTopic.of(fresh, 1))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.TOPIC_ALREADY_EXISTS, existing))
            .verify(TIMEOUT);
        assertThat(awaitTopic(fresh, 1).partitions()).hasSize(1);
    }

    @Test
    void creatingATopicWithMoreReplicasThanBrokersFailsWithInvalidReplicationFactor() {
        String topic = unique("replicated");
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(topic, 1, (short) 3))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_REPLICATION_FACTOR, topic))
            .verify(TIMEOUT);
    }

    @Test
    void describingAnUnknownTopicFailsWithUnknownTopicOrPartitionNamingIt() {
        String topic = unique("unknown");
        StepVerifier.create(admin.describeTopics(List.of(topic)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
    }

    @Test
    void deletesTopics() {
        String topic = createTopic("deleted", 1);
        StepVerifier.create(admin.deleteTopics(List.of(topic)))
            .expectComplete()
            .verify(TIMEOUT);
        // Metadata may show the topic a little longer: ask until it is gone.
        StepVerifier.create(Mono.defer(() -> admin.describeTopics(List.of(topic)))
                .flatMap(found -> Mono.error(new AssertionError("still there: " + found)))
                .retryWhen(Retry.fixedDelay(100, Duration.ofMillis(100))
                    .filter(AssertionError.class::isInstance)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
        StepVerifier.create(admin.listTopics().filter(t -> t.name().equals(topic)))
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void deletingAnUnknownTopicFailsWithUnknownTopicOrPartitionNamingIt() {
        String topic = unique("never-created");
        StepVerifier.create(admin.deleteTopics(List.of(topic)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
    }

    @Test
    void listsTopicsWithTheirIdsAndInternalTopicsOnlyWhenAsked() {
        String topic = createTopic("listed", 1);
        String group = unique("offsets-topic-maker");
        // Committing an offset makes the broker create __consumer_offsets.
        StepVerifier.create(admin.alterGroupOffsets(group, Map.of(new TopicPartition(topic, 0), 0L)))
            .expectComplete()
            .verify(TIMEOUT);
        List<TopicListing> plain = admin.listTopics().collectList().block(TIMEOUT);
        assertThat(plain).extracting(TopicListing::name).contains(topic).doesNotContain("__consumer_offsets");
        assertThat(plain).extracting(TopicListing::internal).containsOnly(false);
        assertThat(plain).extracting(TopicListing::name).isSorted();
        TopicListing mine = plain.stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
        assertThat(mine.topicId()).isEqualTo(awaitTopic(topic, 1).topicId());
        StepVerifier.create(admin.listTopics(true).filter(TopicListing::internal).map(TopicListing::name))
            .recordWith(ArrayList::new)
            .thenConsumeWhile(n -> true)
            .consumeRecordedWith(internal -> assertThat(internal).contains("__consumer_offsets"))
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void createPartitionsGrowsATopic() {
        String topic = createTopic("grown", 1);
        StepVerifier.create(admin.createPartitions(Map.of(topic, 4)))
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(awaitTopic(topic, 4).partitions()).hasSize(4);
    }

    @Test
    void createPartitionsThatDoNotGrowTheTopicFailWithInvalidPartitions() {
        String topic = createTopic("shrunk", 3);
        StepVerifier.create(admin.createPartitions(Map.of(topic, 2)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_PARTITIONS, topic))
            .verify(TIMEOUT);
        StepVerifier.create(admin.createPartitions(Map.of(topic, 3)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_PARTITIONS, topic))
            .verify(TIMEOUT);
    }

    @Test
    void createPartitionsOfAnUnknownTopicFailsWithUnknownTopicOrPartition() {
        String topic = unique("no-such-topic");
        StepVerifier.create(admin.createPartitions(Map.of(topic, 2)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
    }

    // ---- configs ----

    @Test
    void describesTopicConfigsWithTheirSources() {
        String topic = unique("configured");
        admin.createTopics(List.of(NewTopic.of(topic, 1).config("retention.ms", "123456"))).block(TIMEOUT);
        awaitTopic(topic, 1);
        StepVerifier.create(admin.describeConfigs(ConfigResource.topic(topic)))
            .assertNext(configs -> {
                Config config = configs.get(ConfigResource.topic(topic));
                assertThat(config.resource()).isEqualTo(ConfigResource.topic(topic));
                ConfigEntry retention = config.entry("retention.ms").orElseThrow();
                assertThat(retention.value()).isEqualTo("123456");
                assertThat(retention.source()).isEqualTo(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG);
                assertThat(retention.isDefault()).isFalse();
                assertThat(retention.readOnly()).isFalse();
                assertThat(retention.sensitive()).isFalse();
                ConfigEntry compression = config.entry("compression.type").orElseThrow();
                assertThat(compression.value()).isEqualTo("producer");
                assertThat(compression.source()).isEqualTo(ConfigEntry.Source.DEFAULT_CONFIG);
                assertThat(compression.isDefault()).isTrue();
            })
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void describesTheConfigsOfABrokerAskingThatBroker() {
        BrokerNode broker = onlyBroker();
        StepVerifier.create(admin.describeConfigs(ConfigResource.broker(broker.id())))
            .assertNext(configs -> {
                Config config = configs.get(ConfigResource.broker(broker.id()));
                ConfigEntry partitions = config.entry("num.partitions").orElseThrow();
                assertThat(partitions.value()).isEqualTo("1");
                assertThat(partitions.readOnly()).isTrue();
                assertThat(partitions.sensitive()).isFalse();
                ConfigEntry cleanerBackoff = config.entry("log.cleaner.backoff.ms").orElseThrow();
                assertThat(cleanerBackoff.readOnly()).isFalse();
                assertThat(cleanerBackoff.value()).isEqualTo("15000");
                assertThat(cleanerBackoff.isDefault()).isTrue();
            })
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void describingTheConfigsOfAnUnknownTopicFailsNamingIt() {
        String topic = unique("unconfigured");
        StepVerifier.create(admin.describeConfigs(ConfigResource.topic(topic)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topic))
            .verify(TIMEOUT);
    }

    @Test
    void incrementallyAltersTopicConfigs() {
        String topic = createTopic("altered", 1);
        ConfigResource resource = ConfigResource.topic(topic);
        alter(resource, AlterConfigOp.set("retention.ms", "7200000"), AlterConfigOp.set("cleanup.policy", "delete"));
        assertConfig(resource, "retention.ms", "7200000");
        alter(resource, AlterConfigOp.append("cleanup.policy", "compact"));
        assertConfig(resource, "cleanup.policy", "delete,compact");
        alter(resource, AlterConfigOp.subtract("cleanup.policy", "delete"));
        assertConfig(resource, "cleanup.policy", "compact");
        alter(resource, AlterConfigOp.delete("retention.ms"));
        ConfigEntry retention = eventually(() -> admin.describeConfigs(resource)
            .map(c -> c.get(resource).entry("retention.ms").orElseThrow())
            .filter(e -> e.source() != ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG));
        assertThat(retention.value()).isEqualTo("604800000");
    }

    @Test
    void alteringAConfigTheTopicDoesNotKnowOrCannotTakeFailsWithInvalidConfig() {
        String topic = createTopic("misconfigured", 1);
        ConfigResource resource = ConfigResource.topic(topic);
        StepVerifier.create(admin.incrementalAlterConfigs(Map.of(resource,
                List.of(AlterConfigOp.set("no.such.config", "1")))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_CONFIG, topic))
            .verify(TIMEOUT);
        StepVerifier.create(admin.incrementalAlterConfigs(Map.of(resource,
                List.of(AlterConfigOp.set("retention.ms", "soon")))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_CONFIG, topic))
            .verify(TIMEOUT);
        StepVerifier.create(admin.incrementalAlterConfigs(Map.of(resource,
                List.of(AlterConfigOp.append("retention.ms", "5")))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.INVALID_CONFIG, topic))
            .verify(TIMEOUT);
    }

    @Test
    void altersTheClusterWideBrokerDefault() {
        ConfigResource broker = ConfigResource.broker(onlyBroker().id());
        ConfigResource clusterDefault = ConfigResource.brokerDefault();
        try {
            alter(clusterDefault, AlterConfigOp.set("log.cleaner.backoff.ms", "16000"));
            // Kafka brokers apply dynamic configs from the metadata log, a little after the controller took them.
            Map<ConfigResource, Config> configs = eventually(() -> admin.describeConfigs(broker, clusterDefault)
                .filter(c -> c.get(broker).entry("log.cleaner.backoff.ms").orElseThrow().value().equals("16000")
                    && c.get(clusterDefault).entry("log.cleaner.backoff.ms").isPresent()));
            assertThat(configs).containsOnlyKeys(broker, clusterDefault);
            ConfigEntry backoff = configs.get(broker).entry("log.cleaner.backoff.ms").orElseThrow();
            assertThat(backoff.source()).isEqualTo(ConfigEntry.Source.DYNAMIC_DEFAULT_BROKER_CONFIG);
            assertThat(configs.get(clusterDefault).entry("log.cleaner.backoff.ms"))
                .hasValueSatisfying(e -> assertThat(e.value()).isEqualTo("16000"));
        } finally {
            alter(clusterDefault, AlterConfigOp.delete("log.cleaner.backoff.ms"));
        }
        // Kafka may report the default source a moment before the value.
        ConfigEntry restored = eventually(() -> admin.describeConfigs(broker)
            .map(c -> c.get(broker).entry("log.cleaner.backoff.ms").orElseThrow())
            .filter(e -> e.isDefault() && "15000".equals(e.value())));
        assertThat(restored.source()).isEqualTo(ConfigEntry.Source.DEFAULT_CONFIG);
    }

    // ---- cluster ----

    @Test
    void describesTheClusterWithItsBrokerAndController() {
        int port = Integer.parseInt(bootstrapServers().substring(bootstrapServers().lastIndexOf(':') + 1));
        StepVerifier.create(admin.describeCluster())
            .assertNext(cluster -> {
                assertThat(cluster.clusterId()).isNotBlank();
                assertThat(cluster.nodes()).hasSize(1);
                BrokerNode node = cluster.nodes().get(0);
                assertThat(node.port()).isEqualTo(port);
                assertThat(node.hasAddress()).isTrue();
                assertThat(cluster.controller()).isEqualTo(node);
            })
            .expectComplete()
            .verify(TIMEOUT);
    }

    // ---- records and offsets ----

    @Test
    void listsEarliestLatestAndTimestampOffsets() {
        String topic = createTopic("offsets", 2);
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = System.currentTimeMillis() - 60_000;
        produce(tp, 10, base);
        StepVerifier.create(admin.listOffsets(Map.of(
                tp, OffsetSpec.earliest(),
                new TopicPartition(topic, 1), OffsetSpec.latest())))
            .assertNext(offsets -> {
                assertThat(offsets.get(tp).offset()).isZero();
                assertThat(offsets.get(new TopicPartition(topic, 1)).offset()).isZero();
            })
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(listOffset(tp, OffsetSpec.latest()).offset()).isEqualTo(10);
        ListedOffset byTime = listOffset(tp, OffsetSpec.forTimestamp(base + 3_500));
        assertThat(byTime.offset()).isEqualTo(4);
        assertThat(byTime.timestamp()).isEqualTo(base + 4_000);
        assertThat(byTime.leaderEpoch()).isGreaterThanOrEqualTo(0);
        ListedOffset max = listOffset(tp, OffsetSpec.maxTimestamp());
        assertThat(max.offset()).isEqualTo(9);
        assertThat(max.timestamp()).isEqualTo(base + 9_000);
        ListedOffset none = listOffset(tp, OffsetSpec.forTimestamp(base + 60_000_000));
        assertThat(none.offset()).isEqualTo(-1);
    }

    @Test
    void listingOffsetsOfAPartitionTheTopicDoesNotHaveFailsNamingIt() {
        String topic = createTopic("few-partitions", 1);
        TopicPartition missing = new TopicPartition(topic, 5);
        StepVerifier.create(admin.listOffsets(Map.of(missing, OffsetSpec.latest())))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, missing.toString()))
            .verify(TIMEOUT);
        TopicPartition unknownTopic = new TopicPartition(unique("offsetless"), 0);
        StepVerifier.create(admin.listOffsets(Map.of(unknownTopic, OffsetSpec.earliest())))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, unknownTopic.topic()))
            .verify(TIMEOUT);
    }

    @Test
    void deletesRecordsBeforeAnOffsetAndReportsTheLowWatermark() {
        String topic = createTopic("truncated", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        produce(tp, 10, System.currentTimeMillis());
        StepVerifier.create(admin.deleteRecords(Map.of(tp, 4L)))
            .expectNext(Map.of(tp, 4L))
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(listOffset(tp, OffsetSpec.earliest()).offset()).isEqualTo(4);
        StepVerifier.create(admin.deleteRecords(Map.of(tp, -1L)))
            .expectNext(Map.of(tp, 10L))
            .expectComplete()
            .verify(TIMEOUT);
        assertThat(listOffset(tp, OffsetSpec.earliest()).offset()).isEqualTo(10);
    }

    @Test
    void deletingRecordsBeyondTheHighWatermarkFailsWithOffsetOutOfRange() {
        String topic = createTopic("short", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        produce(tp, 2, System.currentTimeMillis());
        StepVerifier.create(admin.deleteRecords(Map.of(tp, 50L)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.OFFSET_OUT_OF_RANGE, tp.toString()))
            .verify(TIMEOUT);
    }

    // ---- groups ----

    @Test
    void describesAClassicGroupWithItsMembersAndDeletesItOnceEmpty() {
        String topic = createTopic("consumed", 2);
        String group = unique("classic");
        try (KafkaConsumer<byte[], byte[]> consumer = joinedConsumer(group, topic)) {
            assertThat(consumer.assignment()).hasSize(2);
            StepVerifier.create(admin.listGroups().filter(g -> g.groupId().equals(group)))
                .assertNext(g -> {
                    assertThat(g.state()).isEqualTo(GroupState.STABLE);
                    assertThat(g.type()).isEqualTo(GroupType.CLASSIC);
                    assertThat(g.protocolType()).isEqualTo("consumer");
                })
                .expectComplete()
                .verify(TIMEOUT);
            StepVerifier.create(admin.describeGroups(List.of(group)))
                .assertNext(groups -> {
                    GroupDescription g = groups.get(group);
                    assertThat(g.groupId()).isEqualTo(group);
                    assertThat(g.state()).isEqualTo(GroupState.STABLE);
                    assertThat(g.protocolType()).isEqualTo("consumer");
                    assertThat(g.protocol()).isEqualTo("range");
                    assertThat(g.members()).hasSize(1);
                    MemberDescription m = g.members().get(0);
                    assertThat(m.clientId()).isEqualTo("suite-consumer");
                    assertThat(m.memberId()).startsWith("suite-consumer");
                    assertThat(m.host()).isNotBlank();
                    assertThat(m.assignment()).isNotEmpty();
                    assertThat(m.assignedPartitions()).containsExactlyInAnyOrder(new TopicPartition(topic, 0),
                        new TopicPartition(topic, 1));
                })
                .expectComplete()
                .verify(TIMEOUT);
            StepVerifier.create(admin.deleteGroups(List.of(group)))
                .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.NON_EMPTY_GROUP, group))
                .verify(TIMEOUT);
        }
        StepVerifier.create(admin.describeGroups(List.of(group)).map(g -> g.get(group).state()))
            .expectNext(GroupState.EMPTY)
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.deleteGroups(List.of(group)))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.describeGroups(List.of(group)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.GROUP_ID_NOT_FOUND, group))
            .verify(TIMEOUT);
    }

    @Test
    void describingAnUnknownGroupFailsWithGroupIdNotFoundNamingIt() {
        String group = unique("no-such-group");
        StepVerifier.create(admin.describeGroups(List.of(group)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.GROUP_ID_NOT_FOUND, group))
            .verify(TIMEOUT);
        StepVerifier.create(admin.deleteGroups(List.of(group)))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.GROUP_ID_NOT_FOUND, group))
            .verify(TIMEOUT);
    }

    @Test
    void altersListsAndDeletesTheOffsetsOfAGroupWithoutMembers() {
        String topic = createTopic("committed", 2);
        String group = unique("offsets");
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        StepVerifier.create(admin.listGroupOffsets(group))
            .expectNext(Map.of())
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.alterGroupOffsets(group, Map.of(p0, 5L, p1, 7L)))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.listGroupOffsets(group))
            .expectNext(Map.of(p0, new GroupOffset(5, -1, ""), p1, new GroupOffset(7, -1, "")))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.listGroups().filter(g -> g.groupId().equals(group)))
            .assertNext(g -> {
                assertThat(g.state()).isEqualTo(GroupState.EMPTY);
                assertThat(g.type()).isEqualTo(GroupType.CLASSIC);
                assertThat(g.protocolType()).isEmpty();
            })
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.describeGroups(List.of(group)))
            .expectNext(Map.of(group, new GroupDescription(group, GroupState.EMPTY, "", "", List.of())))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.deleteGroupOffsets(group, List.of(p0)))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.listGroupOffsets(group))
            .expectNext(Map.of(p1, new GroupOffset(7, -1, "")))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.deleteGroups(List.of(group)))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.listGroupOffsets(group))
            .expectNext(Map.of())
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void alteringTheOffsetsOfAGroupWithMembersFailsWithUnknownMemberId() {
        String topic = createTopic("busy", 1);
        String group = unique("busy");
        try (KafkaConsumer<byte[], byte[]> consumer = joinedConsumer(group, topic)) {
            assertThat(consumer.assignment()).hasSize(1);
            StepVerifier.create(admin.alterGroupOffsets(group, Map.of(new TopicPartition(topic, 0), 1L)))
                .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.UNKNOWN_MEMBER_ID, group))
                .verify(TIMEOUT);
        }
    }

    @Test
    void deletingTheOffsetsOfAnUnknownGroupFailsWithGroupIdNotFound() {
        String topic = createTopic("orphan", 1);
        String group = unique("never-committed");
        StepVerifier.create(admin.deleteGroupOffsets(group, List.of(new TopicPartition(topic, 0))))
            .expectErrorSatisfies(e -> assertApiError(e, ErrorCode.GROUP_ID_NOT_FOUND, group))
            .verify(TIMEOUT);
    }

    // ---- lifecycle ----

    @Test
    void aClosedClientRejectsNewCalls() {
        StepVerifier.create(admin.describeCluster().then(admin.close()))
            .expectComplete()
            .verify(TIMEOUT);
        StepVerifier.create(admin.listTopics())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed"))
            .verify(TIMEOUT);
    }

    @Test
    void closeNowClosesAtOnceAndRejectsNewCalls() {
        StepVerifier.create(admin.describeCluster())
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        admin.closeNow();
        StepVerifier.create(admin.describeCluster())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed"))
            .verify(TIMEOUT);
    }

    @Test
    void closeWaitsForCallsInFlight() {
        String topic = unique("in-flight");
        Mono<Map<String, CreatedTopic>> create = admin.createTopics(List.of(NewTopic.of(topic, 1))).cache();
        create.subscribe();
        StepVerifier.create(admin.close().then(create))
            .assertNext(created -> assertThat(created).containsKey(topic))
            .expectComplete()
            .verify(TIMEOUT);
    }

    // ---- helpers ----

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertApiError(Throwable e, ErrorCode code, String named) {
        assertThat(e).isInstanceOfSatisfying(ApiException.class, a -> assertThat(a.error()).isEqualTo(code))
            .hasMessageContaining(code.name())
            .hasMessageContaining(named);
    }

    /** Creates a topic and waits until metadata shows it with a leader for every partition. */
    String createTopic(String prefix, int partitions) {
        String topic = unique(prefix);
        StepVerifier.create(admin.createTopics(List.of(NewTopic.of(topic, partitions, (short) 1))))
            .expectNextCount(1)
            .expectComplete()
            .verify(TIMEOUT);
        awaitTopic(topic, partitions);
        return topic;
    }

    /** The topic once metadata shows {@code partitions} partitions with leaders (brokers apply metadata late). */
    TopicDescription awaitTopic(String topic, int partitions) {
        return eventually(() -> admin.describeTopics(List.of(topic))
            .map(d -> d.get(topic))
            .filter(d -> d.partitions().size() == partitions
                && d.partitions().stream().allMatch(p -> p.leader() != null)));
    }

    BrokerNode onlyBroker() {
        return admin.describeCluster().map(c -> c.nodes().get(0)).block(TIMEOUT);
    }

    ListedOffset listOffset(TopicPartition tp, OffsetSpec spec) {
        return admin.listOffsets(Map.of(tp, spec)).map(m -> m.get(tp)).block(TIMEOUT);
    }

    void alter(ConfigResource resource, AlterConfigOp... ops) {
        StepVerifier.create(admin.incrementalAlterConfigs(Map.of(resource, List.of(ops))))
            .expectComplete()
            .verify(TIMEOUT);
    }

    /** Waits until the resource's config has {@code value} (Kafka brokers apply changes a little late). */
    void assertConfig(ConfigResource resource, String name, String value) {
        ConfigEntry entry = eventually(() -> admin.describeConfigs(resource)
            .map(c -> c.get(resource).entry(name).orElseThrow())
            .filter(e -> value.equals(e.value())));
        assertThat(entry.source()).isEqualTo(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG);
    }

    /** Resubscribes to {@code lookup} until it emits, for state that brokers publish a little later. */
    static <T> T eventually(Supplier<Mono<T>> lookup) {
        return Mono.defer(lookup)
            .repeatWhenEmpty(100, n -> n.delayElements(Duration.ofMillis(100)))
            .retryWhen(Retry.fixedDelay(100, Duration.ofMillis(100)))
            .block(TIMEOUT);
    }

    /** Writes {@code count} records to {@code tp} with Kafka's producer, one second apart from {@code base}. */
    void produce(TopicPartition tp, int count, long base) {
        withProducer(Map.of(), producer -> {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), base + i * 1_000L,
                    ("k" + i).getBytes(), ("v" + i).getBytes()));
            }
            producer.flush();
        });
    }

    void withProducer(Map<String, Object> extra, Consumer<KafkaProducer<byte[], byte[]>> work) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "suite-producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(extra);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
            new ByteArraySerializer())) {
            work.accept(producer);
        }
    }

    /** A classic-protocol consumer of {@code topic} that has joined {@code group} and got its assignment. */
    KafkaConsumer<byte[], byte[]> joinedConsumer(String group, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "suite-consumer");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new AssertionError("The consumer got no assignment in group " + group);
            }
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    @Test
    void describesTheIdempotentProducersOfAPartition() {
        String topic = createTopic("producers", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = System.currentTimeMillis();
        produce(tp, 3, base);
        StepVerifier.create(admin.describeProducers(List.of(tp)))
            .assertNext(producers -> {
                assertThat(producers.get(tp)).hasSize(1);
                ProducerState p = producers.get(tp).get(0);
                assertThat(p.producerId()).isNotNegative();
                assertThat(p.producerEpoch()).isNotNegative();
                assertThat(p.lastSequence()).isEqualTo(2);
                assertThat(p.lastTimestamp()).isEqualTo(base + 2_000);
                assertThat(p.currentTransactionStartOffset()).isEqualTo(-1);
            })
            .expectComplete()
            .verify(TIMEOUT);
    }

    @Test
    void listsTransactionsOfEveryBrokerWithTheirState() {
        String topic = createTopic("transactional", 1);
        String transactionalId = unique("txn");
        withProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), producer -> {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "v".getBytes()));
            producer.flush();
            StepVerifier.create(admin.listTransactions().filter(t -> t.transactionalId().equals(transactionalId)))
                .assertNext(t -> {
                    assertThat(t.producerId()).isNotNegative();
                    assertThat(t.state()).isEqualTo(TransactionState.ONGOING);
                })
                .expectComplete()
                .verify(TIMEOUT);
            producer.commitTransaction();
        });
        // The coordinator answers the commit once it is prepared and writes the markers after.
        TransactionListing committed = eventually(() -> admin.listTransactions()
            .filter(t -> t.transactionalId().equals(transactionalId) && t.state() == TransactionState.COMPLETE_COMMIT)
            .next());
        assertThat(committed.producerId()).isNotNegative();
    }

    @Test
    void fencingAProducerAbortsItsOpenTransactionAndItsCommitFails() {
        String topic = createTopic("fenced", 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        String transactionalId = unique("zombie");
        withProducer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), producer -> {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, "never".getBytes()));
            producer.flush();
            StepVerifier.create(admin.fenceProducers(List.of(transactionalId, unique("unused"))))
                .expectComplete()
                .verify(TIMEOUT);
            assertThatThrownBy(producer::commitTransaction)
                .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
        });
        // The fenced transaction was aborted: its record stays invisible, and the stable offset passed it.
        ListedOffset end = eventually(() -> admin.listTransactions()
            .filter(t -> t.transactionalId().equals(transactionalId)
                && t.state() == TransactionState.COMPLETE_ABORT)
            .next()
            .then(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).map(m -> m.get(tp))));
        assertThat(end.offset()).isEqualTo(2);   // the record and the abort marker
    }

    @Test
    void fencingNoTransactionalIdFailsAtOnce() {
        assertThatThrownBy(() -> admin.fenceProducers(List.of("")))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
