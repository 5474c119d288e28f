package io.tributary.admin;

import io.tributary.admin.internal.DefaultTributaryAdmin;
import io.tributary.common.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive Kafka admin client: topics, configs, the cluster, records and offsets, groups, producers and
 * transactions. Thread-safe; share one per application. It speaks the Kafka protocol itself, choosing per broker
 * the highest version of each API both sides know, and is tested against Apache Kafka 4.3 and Tributary's broker.
 *
 * <pre>{@code
 * TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create("localhost:9092")));
 * admin.createTopics(List.of(NewTopic.of("orders", 6, (short) 3)))
 *      .then(admin.describeTopics(List.of("orders")))
 *      .subscribe(topics -> System.out.println(topics.get("orders")));
 * }</pre>
 *
 * <p><strong>Laziness:</strong> every call returns a cold {@code Mono} or {@code Flux}: nothing connects or is sent
 * before subscription, and each subscription runs the call again. Arguments are checked at call time
 * ({@code NullPointerException}, {@code IllegalArgumentException}).
 *
 * <p><strong>Threading:</strong> results are emitted on the client's event loops ({@code tributary-client-*});
 * do not block in downstream operators.
 *
 * <p><strong>Errors and retries:</strong> a failure a retry may cure (a broken connection, a moved leader or
 * coordinator, a coordinator still loading) is retried with back-off, the whole call bounded by the client's
 * {@link io.tributary.client.ClientOptions#apiTimeout() API timeout}. Other failures end the call with an
 * {@link io.tributary.errors.ApiException} carrying the Kafka error code and naming the topic, partition, group or
 * resource, as in {@code "TOPIC_ALREADY_EXISTS on topic orders: ..."}. A call about several items fails with the
 * error of the first item that failed, the others' errors attached as suppressed exceptions; the items that
 * succeeded stay done. A broker that does not offer an API fails the call with
 * {@link io.tributary.protocol.UnsupportedVersionException}.
 *
 * @since 0.1
 */
public interface TributaryAdmin {
    /** An admin client with these options; connects on the first call's subscription. */
    static TributaryAdmin create(AdminOptions options) {
        return new DefaultTributaryAdmin(options);
    }

    /** Creates topics; see {@link #createTopics(List, boolean)}. */
    default Mono<Map<String, CreatedTopic>> createTopics(List<NewTopic> topics) {
        return createTopics(topics, false);
    }

    /**
     * Creates topics (CreateTopics, to the controller), or with {@code validateOnly} only checks that they could be.
     * Emits what the broker resolved for each topic, keyed and ordered by name as given. A topic that exists
     * already fails with {@code TOPIC_ALREADY_EXISTS}.
     *
     * @throws IllegalArgumentException if a topic name appears twice
     */
    Mono<Map<String, CreatedTopic>> createTopics(List<NewTopic> topics, boolean validateOnly);

    /**
     * Deletes topics by name (DeleteTopics, to the controller); completes once the controller accepted every
     * deletion. An unknown topic fails with {@code UNKNOWN_TOPIC_OR_PARTITION}.
     */
    Mono<Void> deleteTopics(Collection<String> names);

    /** Lists the topics other than internal ones, ordered by name. */
    default Flux<TopicListing> listTopics() {
        return listTopics(false);
    }

    /** Lists the topics (Metadata for all topics), internal ones too when {@code includeInternal}, by name. */
    Flux<TopicListing> listTopics(boolean includeInternal);

    /**
     * Describes topics (Metadata): id, internal flag, and each partition's leader, replicas and in-sync replicas.
     * Keyed and ordered by name as given. An unknown topic fails with {@code UNKNOWN_TOPIC_OR_PARTITION}.
     */
    Mono<Map<String, TopicDescription>> describeTopics(Collection<String> names);

    /**
     * Grows topics to the given partition counts (CreatePartitions, to the controller). A count that does not grow
     * the topic fails with {@code INVALID_PARTITIONS}.
     *
     * @throws IllegalArgumentException if a count is not positive
     */
    Mono<Void> createPartitions(Map<String, Integer> totalPartitionCounts);

    /**
     * Describes the configs of topics and brokers (DescribeConfigs; a broker's own configs are asked of that
     * broker). Keyed and ordered as given.
     */
    Mono<Map<ConfigResource, Config>> describeConfigs(ConfigResource... resources);

    /**
     * Changes configs of topics and brokers (IncrementalAlterConfigs), leaving the configs not named as they are.
     * A config the resource does not know, or a value it does not accept, fails with {@code INVALID_CONFIG}.
     */
    Mono<Void> incrementalAlterConfigs(Map<ConfigResource, List<AlterConfigOp>> changes);

    /** Describes the cluster (DescribeCluster, or Metadata on brokers before Kafka 2.8): id, controller, brokers. */
    Mono<ClusterDescription> describeCluster();

    /**
     * Deletes the records of each partition before the given offset (DeleteRecords, to each partition's leader);
     * -1 deletes up to the high watermark. Emits the new low watermark (log start offset) of each partition.
     * An offset beyond the high watermark fails with {@code OFFSET_OUT_OF_RANGE}.
     *
     * @throws IllegalArgumentException if an offset is below -1
     */
    Mono<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets);

    /**
     * Looks offsets up (ListOffsets, to each partition's leader, read_uncommitted): earliest, latest, by timestamp
     * or of the largest timestamp. An unknown topic or partition fails with {@code UNKNOWN_TOPIC_OR_PARTITION}.
     */
    Mono<Map<TopicPartition, ListedOffset>> listOffsets(Map<TopicPartition, OffsetSpec> specs);

    /** Lists the groups of every broker (ListGroups), ordered by group id. */
    Flux<GroupListing> listGroups();

    /**
     * Describes classic groups (DescribeGroups, to each group's coordinator): state, protocol and members.
     * An unknown group fails with {@code GROUP_ID_NOT_FOUND} (brokers that answer below DescribeGroups v6
     * describe it as {@link GroupState#DEAD} instead).
     */
    Mono<Map<String, GroupDescription>> describeGroups(Collection<String> groupIds);

    /**
     * Deletes groups and their committed offsets (DeleteGroups, to each group's coordinator). A group with members
     * fails with {@code NON_EMPTY_GROUP}, an unknown one with {@code GROUP_ID_NOT_FOUND}.
     */
    Mono<Void> deleteGroups(Collection<String> groupIds);

    /**
     * The offsets a group committed (OffsetFetch, to its coordinator), for every partition it committed; an unknown
     * group has none.
     */
    Mono<Map<TopicPartition, GroupOffset>> listGroupOffsets(String groupId);

    /**
     * Commits offsets for a group that has no active members (OffsetCommit with generation -1 and no member id,
     * as Kafka's admin does). A group with members fails with {@code UNKNOWN_MEMBER_ID}.
     *
     * @throws IllegalArgumentException if an offset is negative
     */
    Mono<Void> alterGroupOffsets(String groupId, Map<TopicPartition, Long> offsets);

    /**
     * Deletes a group's committed offsets of some partitions (OffsetDelete, to its coordinator). Partitions of a
     * topic the group's members subscribe to fail with {@code GROUP_SUBSCRIBED_TO_TOPIC}.
     */
    Mono<Void> deleteGroupOffsets(String groupId, Collection<TopicPartition> partitions);

    /**
     * The idempotent and transactional producers that wrote to each partition (DescribeProducers, to each
     * partition's leader; brokers from Kafka 3.0).
     */
    Mono<Map<TopicPartition, List<ProducerState>>> describeProducers(Collection<TopicPartition> partitions);

    /**
     * The transactional ids every broker coordinates (ListTransactions; brokers from Kafka 3.0), ordered by id.
     * A broker that does not offer ListTransactions fails the call with
     * {@link io.tributary.protocol.UnsupportedVersionException}.
     */
    Flux<TransactionListing> listTransactions();

    /**
     * Fences the producers of these transactional ids (InitProducerId to each id's transaction coordinator, as a
     * new producer instance would): a transaction they have open is aborted, and their next write or commit fails
     * with {@code PRODUCER_FENCED} (or {@code INVALID_PRODUCER_EPOCH}). Used to stop zombie instances before others
     * take their work over. An id that never had a producer is fenced too (its next producer starts a new epoch).
     */
    Mono<Void> fenceProducers(Collection<String> transactionalIds);

    /**
     * Closes the client: calls made afterwards fail with {@code IllegalStateException}; calls in flight may finish
     * within {@link AdminOptions#closeTimeout()}, then the connections close and what is still pending fails.
     * Lazy; completes once the connections are closed.
     */
    Mono<Void> close();

    /** Closes the client at once without waiting: calls in flight fail. Does not block. */
    void closeNow();
}
