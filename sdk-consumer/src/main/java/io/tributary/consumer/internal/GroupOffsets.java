package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A group's committed offsets at its coordinator: OffsetCommit and OffsetFetch, both capped at version 9 (version
 * 10 names topics by id). Retriable failures (coordinator moved or loading, broken connection, unstable offsets) are
 * retried with the client's back-off within its API timeout; the rest fail the returned {@code Mono} with the
 * broker's error as an {@link io.tributary.errors.ApiException}. Thread-safe; owned by a group member.
 */
final class GroupOffsets {
    static final int MAX_VERSION = 9;

    private final GroupCoordinatorLink coordinator;
    private final @Nullable String groupInstanceId;

    /**
     * Who commits: the member id with its generation (classic protocol) or member epoch (consumer protocol); an
     * empty member id and -1 for a client outside the group.
     */
    record Committer(String memberId, int generationOrEpoch) {
        static final Committer NONE = new Committer("", -1);
    }

    GroupOffsets(GroupCoordinatorLink coordinator, @Nullable String groupInstanceId) {
        this.coordinator = coordinator;
        this.groupInstanceId = groupInstanceId;
    }

    /**
     * Commits {@code offsets} for {@code groupId} from a client outside the group (manually assigned partitions):
     * generation -1, no member id; the coordinator accepts it only while the group has no members. Lazy.
     */
    static Mono<Void> commit(ClientRuntime runtime, String groupId, Map<TopicPartition, Long> offsets) {
        return new GroupOffsets(new GroupCoordinatorLink(runtime, groupId), null)
            .commit(offsets, () -> Committer.NONE);
    }

    /** The committed offsets of {@code partitions} in {@code groupId}, for a client outside the group; lazy. */
    static Mono<Map<TopicPartition, Long>> committed(ClientRuntime runtime, String groupId,
                                                     Set<TopicPartition> partitions) {
        return new GroupOffsets(new GroupCoordinatorLink(runtime, groupId), null).committed(partitions, () -> null);
    }

    /**
     * Commits {@code offsets}; {@code committer} is asked again on every attempt, so that a retry carries the
     * current generation. Lazy.
     */
    Mono<Void> commit(Map<TopicPartition, Long> offsets, Supplier<Committer> committer) {
        if (offsets.isEmpty()) {
            return Mono.empty();
        }
        Map<TopicPartition, Long> copy = Map.copyOf(offsets);
        return coordinator.runtime().withRetries(Mono.defer(() -> commitOnce(copy, committer.get())),
            "OffsetCommit for group " + coordinator.groupId());
    }

    private Mono<Void> commitOnce(Map<TopicPartition, Long> offsets, Committer committer) {
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new TreeMap<>();
        offsets.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
            .add(new OffsetCommitRequest.OffsetCommitRequestPartition()
                .partitionIndex(tp.partition())
                .committedOffset(offset)
                .committedLeaderEpoch(-1)
                .committedMetadata("")));
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic()
            .name(topic)
            .partitions(partitions)));
        OffsetCommitRequest request = new OffsetCommitRequest()
            .groupId(coordinator.groupId())
            .generationIdOrMemberEpoch(committer.generationOrEpoch())
            .memberId(committer.memberId())
            .groupInstanceId(groupInstanceId)
            .topics(topics);
        return coordinator.send(request, MAX_VERSION, OffsetCommitResponse.class)
            .flatMap(this::checkCommit);
    }

    private Mono<Void> checkCommit(OffsetCommitResponse response) {
        for (OffsetCommitResponse.OffsetCommitResponseTopic topic : response.topics()) {
            for (OffsetCommitResponse.OffsetCommitResponsePartition p : topic.partitions()) {
                if (p.errorCode() != ErrorCode.NONE.code()) {
                    coordinator.onError(ErrorCode.forCode(p.errorCode()));
                    return Mono.error(Failures.of(p.errorCode(), null, "OffsetCommit of " + topic.name() + "-"
                        + p.partitionIndex() + " for group " + coordinator.groupId()));
                }
            }
        }
        return Mono.empty();
    }

    /**
     * The committed offsets of {@code partitions}; partitions without one are left out. {@code committer} is the
     * consumer-protocol member asking (its epoch is checked), or null. Lazy.
     */
    Mono<Map<TopicPartition, Long>> committed(Set<TopicPartition> partitions,
                                              Supplier<@Nullable Committer> committer) {
        if (partitions.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<TopicPartition> copy = Set.copyOf(partitions);
        return coordinator.runtime().withRetries(Mono.defer(() -> fetchOnce(copy, committer.get())),
            "OffsetFetch for group " + coordinator.groupId());
    }

    private Mono<Map<TopicPartition, Long>> fetchOnce(Set<TopicPartition> partitions, @Nullable Committer committer) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        // Both layouts are filled in: versions up to 7 write the top-level fields, 8 and later the group array.
        List<OffsetFetchRequest.OffsetFetchRequestTopic> topics = new ArrayList<>();
        List<OffsetFetchRequest.OffsetFetchRequestTopics> groupTopics = new ArrayList<>();
        byTopic.forEach((topic, numbers) -> {
            topics.add(new OffsetFetchRequest.OffsetFetchRequestTopic().name(topic).partitionIndexes(numbers));
            groupTopics.add(new OffsetFetchRequest.OffsetFetchRequestTopics().name(topic).partitionIndexes(numbers));
        });
        OffsetFetchRequest.OffsetFetchRequestGroup group = new OffsetFetchRequest.OffsetFetchRequestGroup()
            .groupId(coordinator.groupId())
            .topics(groupTopics);
        if (committer != null) {
            group.memberId(committer.memberId()).memberEpoch(committer.generationOrEpoch());
        }
        OffsetFetchRequest request = new OffsetFetchRequest()
            .groupId(coordinator.groupId())
            .topics(topics)
            .groups(List.of(group))
            .requireStable(true);
        return coordinator.send(request, MAX_VERSION, OffsetFetchResponse.class)
            .flatMap(this::readOffsets);
    }

    private Mono<Map<TopicPartition, Long>> readOffsets(OffsetFetchResponse response) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        short groupError;
        List<Entry> entries = new ArrayList<>();
        if (!response.groups().isEmpty()) {
            OffsetFetchResponse.OffsetFetchResponseGroup group = response.groups().get(0);
            groupError = group.errorCode();
            for (OffsetFetchResponse.OffsetFetchResponseTopics t : group.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions p : t.partitions()) {
                    entries.add(new Entry(new TopicPartition(t.name(), p.partitionIndex()), p.committedOffset(),
                        p.errorCode()));
                }
            }
        } else {
            groupError = response.errorCode();
            for (OffsetFetchResponse.OffsetFetchResponseTopic t : response.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartition p : t.partitions()) {
                    entries.add(new Entry(new TopicPartition(t.name(), p.partitionIndex()), p.committedOffset(),
                        p.errorCode()));
                }
            }
        }
        if (groupError != ErrorCode.NONE.code()) {
            coordinator.onError(ErrorCode.forCode(groupError));
            return Mono.error(Failures.of(groupError, null, "OffsetFetch for group " + coordinator.groupId()));
        }
        for (Entry e : entries) {
            if (e.error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code()) {
                continue;
            }
            if (e.error != ErrorCode.NONE.code()) {
                coordinator.onError(ErrorCode.forCode(e.error));
                return Mono.error(Failures.of(e.error, null, "OffsetFetch of " + e.partition + " for group "
                    + coordinator.groupId()));
            }
            if (e.offset >= 0) {
                offsets.put(e.partition, e.offset);
            }
        }
        return Mono.just(Map.copyOf(offsets));
    }

    private record Entry(TopicPartition partition, long offset, short error) {
    }
}
