package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group membership against a real broker, with both group protocols where they apply; run against Tributary and
 * Apache Kafka by the subclasses.
 */
abstract class GroupMemberSuite {
    static final Duration WAIT = Duration.ofSeconds(90);

    private final List<GroupMember> members = new CopyOnWriteArrayList<>();
    private final List<ClientRuntime> runtimes = new CopyOnWriteArrayList<>();
    private Admin admin;

    abstract String bootstrapServers();

    @BeforeEach
    void createAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @AfterEach
    void leaveAndClose() {
        for (GroupMember member : members) {
            member.leave().block(WAIT);
        }
        runtimes.forEach(ClientRuntime::close);
        admin.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void aLoneMemberGetsEveryPartition(String protocol) {
        String topic = createTopic("lone", 4);
        RecordingListener listener = new RecordingListener();
        GroupMember member = member(settings(protocol, group(), null, "range"));

        member.start(new Subscription.Topics(Set.of(topic)), listener);

        await("the member and its listener own all 4 partitions", () -> member.assignment()
            .equals(partitions(topic, 4)) && listener.owned().equals(partitions(topic, 4)));
        assertThat(member.memberId()).isNotEmpty();
        assertThat(member.generation()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void twoMembersSplitSixPartitionsAndTheOneLeftTakesAllWhenTheOtherLeaves(String protocol) {
        String topic = createTopic("split", 6);
        String group = group();
        RecordingListener firstListener = new RecordingListener();
        RecordingListener secondListener = new RecordingListener();
        GroupMember first = member(settings(protocol, group, null, "range"));
        GroupMember second = member(settings(protocol, group, null, "range"));
        first.start(new Subscription.Topics(Set.of(topic)), firstListener);
        await("the first member owns all 6", () -> first.assignment().size() == 6);

        second.start(new Subscription.Topics(Set.of(topic)), secondListener);

        await("3 + 3", () -> first.assignment().size() == 3 && second.assignment().size() == 3
            && union(first.assignment(), second.assignment()).equals(partitions(topic, 6)));
        Set<TopicPartition> secondOwned = second.assignment();

        second.leave().block(WAIT);

        assertThat(secondListener.allRevoked()).containsAll(secondOwned);
        assertThat(second.assignment()).isEmpty();
        await("the first member owns all 6 again", () -> first.assignment().equals(partitions(topic, 6)));
        assertThat(firstListener.allLost()).isEmpty();
    }

    @Test
    void anApplicationsOwnAssignorPlacesThePartitionsByWhatEachMemberSaysInItsUserData() {
        String topic = createTopic("own-assignor", 4);
        String group = group();
        List<String> idleHeard = new CopyOnWriteArrayList<>();
        List<String> workerHeard = new CopyOnWriteArrayList<>();
        GroupMember idle = member(ownAssignor(group, "idle", idleHeard));
        GroupMember worker = member(ownAssignor(group, "worker", workerHeard));
        idle.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("the idle member is in a generation", () -> idle.generation() > 0);

        worker.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());

        await("the worker owns all 4", () -> worker.assignment().equals(partitions(topic, 4)));
        assertThat(idle.assignment()).isEmpty();
        // Both heard the leader's user data with their assignment: the workers it counted.
        await("both heard of one worker", () -> idleHeard.contains("1 worker(s)")
            && workerHeard.contains("1 worker(s)"));
    }

    /**
     * Classic settings whose assignor gives every partition to the members whose user data says "worker" and tells
     * every member how many workers there are; {@code heard} gets what this member is told.
     */
    private static GroupSettings ownAssignor(String group, String role, List<String> heard) {
        PartitionAssignor workersTakeAll = new PartitionAssignor() {
            @Override
            public String name() {
                return "workers-take-all";
            }

            @Override
            public boolean cooperative() {
                return false;
            }

            @Override
            public byte[] userData(int generation) {
                return role.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                            Map<String, MemberSubscription> subscriptions) {
                List<String> workers = subscriptions.values().stream()
                    .filter(m -> "worker".equals(new String(m.userData(), java.nio.charset.StandardCharsets.UTF_8)))
                    .map(MemberSubscription::memberId).sorted().toList();
                Map<String, List<TopicPartition>> assignment = new java.util.HashMap<>();
                partitionsPerTopic.forEach((topic, count) -> {
                    for (int p = 0; p < count && !workers.isEmpty(); p++) {
                        assignment.computeIfAbsent(workers.get(p % workers.size()), m -> new java.util.ArrayList<>())
                            .add(new TopicPartition(topic, p));
                    }
                });
                return assignment;
            }

            @Override
            public byte[] assignmentUserData(String memberId, Map<String, List<TopicPartition>> assignment,
                                             Map<String, MemberSubscription> subscriptions) {
                long workers = subscriptions.values().stream()
                    .filter(m -> "worker".equals(new String(m.userData(), java.nio.charset.StandardCharsets.UTF_8)))
                    .count();
                return (workers + " worker(s)").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public void onAssignment(List<TopicPartition> partitions, byte[] userData, int generation) {
                heard.add(new String(userData, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        return new GroupSettings(group, null, "classic", List.of(workersTakeAll), null, Duration.ofSeconds(6),
            Duration.ofSeconds(20), Duration.ofMillis(500), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void cooperativeRebalancesRevokeOnlyThePartitionsThatMove(String protocol) {
        String topic = createTopic("sticky", 6);
        String group = group();
        RecordingListener firstListener = new RecordingListener();
        GroupMember first = member(settings(protocol, group, null, "cooperative-sticky"));
        GroupMember second = member(settings(protocol, group, null, "cooperative-sticky"));
        first.start(new Subscription.Topics(Set.of(topic)), firstListener);
        await("the first member owns all 6", () -> first.assignment().size() == 6);

        second.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());

        await("3 + 3", () -> first.assignment().size() == 3 && second.assignment().size() == 3
            && union(first.assignment(), second.assignment()).equals(partitions(topic, 6)));
        Set<TopicPartition> kept = first.assignment();
        assertThat(firstListener.allRevoked()).hasSize(3).doesNotContainAnyElementsOf(kept);
        assertThat(firstListener.additions().get(0)).isEqualTo(partitions(topic, 6));
        assertThat(firstListener.additions().stream().skip(1).flatMap(Set::stream).toList()).isEmpty();
        assertThat(firstListener.allLost()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void committedOffsetsAreReadBackAndSeenByKafkaAdmin(String protocol) throws Exception {
        String topic = createTopic("commits", 3);
        String group = group();
        GroupMember member = member(settings(protocol, group, null, "range"));
        member.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("the member owns all 3", () -> member.assignment().size() == 3);

        member.commit(Map.of(new TopicPartition(topic, 0), 10L, new TopicPartition(topic, 1), 20L)).block(WAIT);

        assertThat(member.committed(partitions(topic, 3)).block(WAIT))
            .isEqualTo(Map.of(new TopicPartition(topic, 0), 10L, new TopicPartition(topic, 1), 20L));
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> seen = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        assertThat(seen.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(),
            e -> e.getValue().offset()))).isEqualTo(Map.of(0, 10L, 1, 20L));
    }

    /**
     * Records are emitted on Schedulers.parallel(), and a subscriber may hold its worker (slow processing) past the
     * session time-out; the group's timers must not depend on those workers. Here every parallel worker is held for
     * longer than the session: the member keeps its generation and its partitions.
     */
    @Test
    void heartbeatsGoOnWhileEveryParallelWorkerIsHeldLongerThanTheSessionTimeout() throws Exception {
        String topic = createTopic("held", 2);
        RecordingListener listener = new RecordingListener();
        GroupMember member = member(settings("classic", group(), null, "range"));
        member.start(new Subscription.Topics(Set.of(topic)), listener);
        await("the member owns both partitions", () -> member.assignment().size() == 2);
        int generation = member.generation();

        // Twice as many tasks as workers (they are handed out in turn), each holding its worker until one deadline,
        // 8 s away: the session times out after 6.
        int workers = reactor.core.scheduler.Schedulers.DEFAULT_POOL_SIZE;
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2 * workers);
        for (int i = 0; i < 2 * workers; i++) {
            reactor.core.scheduler.Schedulers.parallel().schedule(() -> {
                held.add(Thread.currentThread().getName());
                io.tributary.testkit.Stall.hold(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(held).hasSize(workers);
        assertThat(listener.allLost()).isEmpty();
        assertThat(member.generation()).isEqualTo(generation);
        assertThat(member.assignment()).isEqualTo(partitions(topic, 2));
    }

    @Test
    void aClassicMemberWhoseHeartbeatsStopLosesItsPartitionsAndRejoins() {
        String topic = createTopic("fenced", 6);
        String group = group();
        RecordingListener stuckListener = new RecordingListener();
        ClassicGroupMember stuck = (ClassicGroupMember) member(settings("classic", group, null, "range"));
        GroupMember other = member(settings("classic", group, null, "range"));
        stuck.start(new Subscription.Topics(Set.of(topic)), stuckListener);
        await("the first member owns all 6", () -> stuck.assignment().size() == 6);
        String stuckId = stuck.memberId();

        stuck.pauseHeartbeats(true);
        other.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("the other member owns all 6 once the session expired", () -> other.assignment().size() == 6);
        assertThat(stuckListener.allLost()).isEmpty();
        stuck.pauseHeartbeats(false);

        await("the stuck member learns that it lost its partitions", () -> stuckListener.allLost().size() == 6);
        await("3 + 3 after it rejoined", () -> stuck.assignment().size() == 3 && other.assignment().size() == 3);
        assertThat(stuck.memberId()).isNotEqualTo(stuckId);
    }

    @Test
    void heartbeatsGoOnWhileTheListenerTakesLongerThanTheSessionTimeoutToRevoke() {
        String topic = createTopic("slow", 6);
        String group = group();
        RecordingListener slowListener = new RecordingListener(Duration.ofSeconds(9));
        GroupMember slow = member(settings("classic", group, null, "range"));
        GroupMember other = member(settings("classic", group, null, "range"));
        slow.start(new Subscription.Topics(Set.of(topic)), slowListener);
        await("the first member owns all 6", () -> slow.assignment().size() == 6);

        other.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());

        await("3 + 3 after the slow revocation", () -> slow.assignment().size() == 3
            && other.assignment().size() == 3);
        assertThat(slowListener.allRevoked()).isEqualTo(partitions(topic, 6));
        assertThat(slowListener.allLost()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void morePartitionsOfASubscribedTopicAreAssignedOnceMetadataShowsThem(String protocol) throws Exception {
        String topic = createTopic("grow", 2);
        GroupMember member = member(settings(protocol, group(), null, "range"));
        member.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("the member owns both partitions", () -> member.assignment().equals(partitions(topic, 2)));

        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(5))).all().get(30, TimeUnit.SECONDS);

        await("the member owns all 5 partitions", () -> member.assignment().equals(partitions(topic, 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void aPatternSubscriptionPicksUpATopicCreatedLater(String protocol) {
        String prefix = "pattern" + UUID.randomUUID().toString().substring(0, 8);
        String firstTopic = createExactTopic(prefix + "-1", 2);
        GroupMember member = member(settings(protocol, group(), null, "range"));
        member.start(new Subscription.Matching(Pattern.compile(prefix + "-[0-9]+")), new RecordingListener());
        await("the member owns the 2 partitions of the first topic",
            () -> member.assignment().equals(partitions(firstTopic, 2)));

        String secondTopic = createExactTopic(prefix + "-2", 3);

        await("the member owns both topics' partitions", () -> member.assignment()
            .equals(union(partitions(firstTopic, 2), partitions(secondTopic, 3))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void sharesTheTopicWithAKafkaConsumerOfTheSameGroup(String protocol) throws Exception {
        String topic = createTopic("interop", 6);
        String group = group();
        GroupMember member = member(settings(protocol, group, null, "range"));
        member.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("our member owns all 6", () -> member.assignment().size() == 6);

        AtomicReference<Set<TopicPartition>> kafkaOwned = new AtomicReference<>(Set.of());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = new Thread(() -> pollKafkaConsumer(protocol, group, topic, kafkaOwned, running),
            "kafka-consumer");
        poller.start();
        try {
            await("3 + 3 with the Kafka consumer", () -> member.assignment().size() == 3
                && kafkaOwned.get().size() == 3
                && union(member.assignment(), kafkaOwned.get()).equals(partitions(topic, 6)));
        } finally {
            running.set(false);
            poller.join(TimeUnit.SECONDS.toMillis(60));
        }
        await("our member owns all 6 after the Kafka consumer left", () -> member.assignment().size() == 6);
    }

    @Test
    void aStaticMemberLeavesWithoutARebalanceAndGetsItsPartitionsBack() {
        String topic = createTopic("static", 6);
        String group = group();
        GroupMember first = member(settings("classic", group, "instance-a", "range"));
        GroupMember second = member(settings("classic", group, "instance-b", "range"));
        first.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        second.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("3 + 3", () -> first.assignment().size() == 3 && second.assignment().size() == 3
            && union(first.assignment(), second.assignment()).equals(partitions(topic, 6)));
        Set<TopicPartition> firstOwned = first.assignment();
        int generation = second.generation();

        first.leave().block(WAIT);
        GroupMember restarted = member(settings("classic", group, "instance-a", "range"));
        restarted.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());

        await("the restarted member owns what its first run owned", () -> restarted.assignment().equals(firstOwned));
        assertThat(second.generation()).isEqualTo(generation);
        assertThat(second.assignment()).hasSize(3).doesNotContainAnyElementsOf(firstOwned);
    }

    private void pollKafkaConsumer(String protocol, String group, String topic,
                                   AtomicReference<Set<TopicPartition>> owned, AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        if (protocol.equals("classic")) {
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<org.apache.kafka.common.TopicPartition> c) {
                    owned.set(Set.of());
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<org.apache.kafka.common.TopicPartition> c) {
                    owned.set(ours(consumer.assignment()));
                }
            });
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100));
                owned.set(ours(consumer.assignment()));
            }
        }
    }

    private static Set<TopicPartition> ours(Set<org.apache.kafka.common.TopicPartition> kafka) {
        return kafka.stream().map(tp -> new TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toSet());
    }

    GroupMember member(GroupSettings settings) {
        ClientRuntime runtime = new ClientRuntime(ClientOptions.create(bootstrapServers())
            .metadataMaxAge(Duration.ofSeconds(1))
            .retryBackoffMax(Duration.ofMillis(500)));
        runtimes.add(runtime);
        GroupMember member = GroupMembers.create(runtime, settings);
        members.add(member);
        return member;
    }

    static GroupSettings settings(String protocol, String group, String instanceId, String assignor) {
        List<PartitionAssignor> assignors = protocol.equals("classic") ? List.of(GroupAssignor.named(assignor))
            : List.of();
        return new GroupSettings(group, instanceId, protocol, assignors, null, Duration.ofSeconds(6),
            Duration.ofSeconds(20), Duration.ofMillis(500), null);
    }

    static String group() {
        return "group-" + UUID.randomUUID();
    }

    String createTopic(String prefix, int partitions) {
        return createExactTopic(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), partitions);
    }

    String createExactTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return name;
    }

    static Set<TopicPartition> partitions(String topic, int count) {
        Set<TopicPartition> set = new HashSet<>();
        for (int p = 0; p < count; p++) {
            set.add(new TopicPartition(topic, p));
        }
        return PartitionSets.sorted(set);
    }

    static Set<TopicPartition> union(Set<TopicPartition> a, Set<TopicPartition> b) {
        return PartitionSets.union(a, b);
    }

    /** Polls {@code condition} every 50 ms until it holds; fails after {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
        }
    }
}
