package io.tributary.admin.internal;

import io.tributary.admin.GroupOffset;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A group's committed offsets: list (OffsetFetch), alter (OffsetCommit) and delete (OffsetDelete), each sent to the
 * group's coordinator. OffsetFetch and OffsetCommit are capped at v9: v10 names topics by id only. Stateless and
 * thread-safe.
 */
final class GroupOffsetCalls {
    /** The last OffsetFetch and OffsetCommit versions that name topics. */
    private static final short LAST_VERSION_WITH_TOPIC_NAMES = 9;
    /** OffsetFetch answers per group from v8. */
    private static final short FIRST_BATCHED_OFFSET_FETCH = 8;
    /** Kafka's admin commits outside any generation, as no member. */
    private static final int NO_GENERATION = -1;
    private static final String NO_MEMBER = "";

    private final AdminContext context;
    private final Coordinators coordinators;

    GroupOffsetCalls(AdminContext context, Coordinators coordinators) {
        this.context = context;
        this.coordinators = coordinators;
    }

    Mono<Map<TopicPartition, GroupOffset>> listGroupOffsets(String groupId) {
        return KeyedCall.run(context.runtime(), "OffsetFetch of group " + groupId,
                () -> new KeyedCall<String, Map<TopicPartition, GroupOffset>>(List.of(groupId),
                    KeyedCall.ANY_RETRIABLE, GroupCalls::group),
                (call, pending) -> fetch(call, groupId))
            .map(byGroup -> byGroup.get(groupId));
    }

    private Mono<Void> fetch(KeyedCall<String, Map<TopicPartition, GroupOffset>> call, String groupId) {
        OffsetFetchRequest request = new OffsetFetchRequest()
            .groupId(groupId)
            .topics(null)
            .groups(List.of(new OffsetFetchRequest.OffsetFetchRequestGroup()
                .groupId(groupId)
                .memberId(null)
                .memberEpoch(-1)
                .topics(null)))
            .requireStable(false);
        return coordinators.send(groupId, request, OffsetFetchResponse.class, LAST_VERSION_WITH_TOPIC_NAMES)
            .doOnNext(v -> {
                if (v.version() >= FIRST_BATCHED_OFFSET_FETCH) {
                    readGroups(call, groupId, v.response());
                } else {
                    readTopics(call, groupId, v.response());
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(List.of(groupId), e);
                return Mono.empty();
            });
    }

    private void readGroups(KeyedCall<String, Map<TopicPartition, GroupOffset>> call, String groupId,
                            OffsetFetchResponse response) {
        for (OffsetFetchResponse.OffsetFetchResponseGroup g : response.groups()) {
            if (!g.groupId().equals(groupId)) {
                continue;
            }
            if (g.errorCode() != 0) {
                coordinators.onError(groupId, g.errorCode());
                call.answer(groupId, g.errorCode(), null, null);
                return;
            }
            Map<TopicPartition, GroupOffset> offsets = new LinkedHashMap<>();
            for (OffsetFetchResponse.OffsetFetchResponseTopics t : g.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions p : t.partitions()) {
                    TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                    if (!add(call, groupId, offsets, tp, p.errorCode(), p.committedOffset(),
                        p.committedLeaderEpoch(), p.metadata())) {
                        return;
                    }
                }
            }
            call.succeed(groupId, offsets);
        }
    }

    private void readTopics(KeyedCall<String, Map<TopicPartition, GroupOffset>> call, String groupId,
                            OffsetFetchResponse response) {
        if (response.errorCode() != 0) {
            coordinators.onError(groupId, response.errorCode());
            call.answer(groupId, response.errorCode(), null, null);
            return;
        }
        Map<TopicPartition, GroupOffset> offsets = new LinkedHashMap<>();
        for (OffsetFetchResponse.OffsetFetchResponseTopic t : response.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartition p : t.partitions()) {
                TopicPartition tp = new TopicPartition(t.name(), p.partitionIndex());
                if (!add(call, groupId, offsets, tp, p.errorCode(), p.committedOffset(), p.committedLeaderEpoch(),
                    p.metadata())) {
                    return;
                }
            }
        }
        call.succeed(groupId, offsets);
    }

    /** Adds one partition's committed offset, if it has one; false after recording its error instead. */
    private static boolean add(KeyedCall<String, Map<TopicPartition, GroupOffset>> call, String groupId,
                               Map<TopicPartition, GroupOffset> offsets, TopicPartition tp, short errorCode,
                               long offset, int leaderEpoch, @Nullable String metadata) {
        if (errorCode != 0) {
            RuntimeException failure = Failures.of(errorCode, null, "partition " + tp + " of group " + groupId);
            if (ErrorCode.forCode(errorCode).retriable()) {
                call.retry(groupId, failure);
            } else {
                call.fail(groupId, failure);
            }
            return false;
        }
        if (offset >= 0) {
            offsets.put(tp, new GroupOffset(offset, leaderEpoch, metadata == null ? "" : metadata));
        }
        return true;
    }

    Mono<Void> alterGroupOffsets(String groupId, Map<TopicPartition, Long> offsets) {
        return KeyedCall.run(context.runtime(), "OffsetCommit of group " + groupId,
                () -> new KeyedCall<TopicPartition, Boolean>(offsets.keySet(), KeyedCall.UNKNOWN_TOPIC_IS_FINAL,
                    tp -> "partition " + tp + " of group " + groupId),
                (call, pending) -> commit(call, groupId, pending, offsets))
            .then();
    }

    private Mono<Void> commit(KeyedCall<TopicPartition, Boolean> call, String groupId, Set<TopicPartition> pending,
                              Map<TopicPartition, Long> offsets) {
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : pending) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new OffsetCommitRequest.OffsetCommitRequestPartition()
                    .partitionIndex(tp.partition())
                    .committedOffset(offsets.get(tp))
                    .committedLeaderEpoch(-1)
                    .committedMetadata(""));
        }
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic().name(t)
            .partitions(ps)));
        OffsetCommitRequest request = new OffsetCommitRequest()
            .groupId(groupId)
            .generationIdOrMemberEpoch(NO_GENERATION)
            .memberId(NO_MEMBER)
            .groupInstanceId(null)
            .retentionTimeMs(-1)
            .topics(topics);
        return coordinators.send(groupId, request, OffsetCommitResponse.class, LAST_VERSION_WITH_TOPIC_NAMES)
            .doOnNext(v -> {
                for (OffsetCommitResponse.OffsetCommitResponseTopic t : v.response().topics()) {
                    for (OffsetCommitResponse.OffsetCommitResponsePartition p : t.partitions()) {
                        coordinators.onError(groupId, p.errorCode());
                        call.answer(new TopicPartition(t.name(), p.partitionIndex()), p.errorCode(), null,
                            Boolean.TRUE);
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(pending, e);
                return Mono.empty();
            });
    }

    Mono<Void> deleteGroupOffsets(String groupId, List<TopicPartition> partitions) {
        return KeyedCall.run(context.runtime(), "OffsetDelete of group " + groupId,
                () -> new KeyedCall<TopicPartition, Boolean>(partitions, KeyedCall.UNKNOWN_TOPIC_IS_FINAL,
                    tp -> "partition " + tp + " of group " + groupId),
                (call, pending) -> delete(call, groupId, pending))
            .then();
    }

    private Mono<Void> delete(KeyedCall<TopicPartition, Boolean> call, String groupId, Set<TopicPartition> pending) {
        Map<String, List<OffsetDeleteRequest.OffsetDeleteRequestPartition>> byTopic = new LinkedHashMap<>();
        for (TopicPartition tp : pending) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new OffsetDeleteRequest.OffsetDeleteRequestPartition().partitionIndex(tp.partition()));
        }
        List<OffsetDeleteRequest.OffsetDeleteRequestTopic> topics = new ArrayList<>();
        byTopic.forEach((t, ps) -> topics.add(new OffsetDeleteRequest.OffsetDeleteRequestTopic().name(t)
            .partitions(ps)));
        OffsetDeleteRequest request = new OffsetDeleteRequest()
            .groupId(groupId)
            .topics(topics);
        return coordinators.send(groupId, request, OffsetDeleteResponse.class)
            .doOnNext(response -> {
                if (response.errorCode() != 0) {
                    // A group-level error (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP) answers for every partition.
                    coordinators.onError(groupId, response.errorCode());
                    for (TopicPartition tp : pending) {
                        call.answer(tp, response.errorCode(), null, null);
                    }
                    return;
                }
                for (OffsetDeleteResponse.OffsetDeleteResponseTopic t : response.topics()) {
                    for (OffsetDeleteResponse.OffsetDeleteResponsePartition p : t.partitions()) {
                        call.answer(new TopicPartition(t.name(), p.partitionIndex()), p.errorCode(), null,
                            Boolean.TRUE);
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(pending, e);
                return Mono.empty();
            });
    }
}
