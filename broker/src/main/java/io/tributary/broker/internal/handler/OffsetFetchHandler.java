package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * OffsetFetch v1-9: the committed offsets of the asked partitions (offset -1, no metadata, for partitions never
 * committed and for unknown groups), or of every partition when the topic list is null (v2+). v1 reports errors per
 * partition, v2-7 at the top, v8+ per group (several groups per request). Answered at once from memory; with
 * RequireStable (v7+), a partition with an offset written by a still open transaction gets
 * UNSTABLE_OFFSET_COMMIT, which clients retry. A v9 request naming a member of a consumer-protocol group is
 * checked against it (UNKNOWN_MEMBER_ID, STALE_MEMBER_EPOCH). Thread-safe.
 */
public final class OffsetFetchHandler implements RequestHandler<OffsetFetchRequest, OffsetFetchResponse> {
    private final GroupCoordinator groups;

    public OffsetFetchHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    @Override
    public VersionRange versions() {
        return Versions.OFFSET_FETCH;
    }

    @Override
    public Mono<OffsetFetchResponse> handle(RequestContext context, OffsetFetchRequest request) {
        return Mono.fromSupplier(() -> context.apiVersion() >= 8 ? batched(request) : single(context, request));
    }

    private OffsetFetchResponse single(RequestContext context, OffsetFetchRequest request) {
        List<TopicPartition> asked = null;
        if (request.topics() != null) {
            asked = new ArrayList<>();
            for (OffsetFetchRequest.OffsetFetchRequestTopic t : request.topics()) {
                for (int p : t.partitionIndexes()) {
                    asked.add(new TopicPartition(t.name(), p));
                }
            }
        }
        ErrorCode error = groups.checkGroup(request.groupId());
        if (error != ErrorCode.NONE && context.apiVersion() >= 2) {
            return new OffsetFetchResponse().errorCode(error.code());
        }
        Map<TopicPartition, @Nullable CommittedOffset> found = new LinkedHashMap<>();
        if (error == ErrorCode.NONE) {
            found.putAll(groups.committed(request.groupId(), asked));
        } else if (asked != null) {
            asked.forEach(tp -> found.put(tp, null));
        }
        boolean stable = context.apiVersion() >= 7 && request.requireStable();
        Map<String, List<OffsetFetchResponse.OffsetFetchResponsePartition>> byTopic = new LinkedHashMap<>();
        found.forEach((tp, o) -> {
            OffsetFetchResponse.OffsetFetchResponsePartition p = new OffsetFetchResponse.OffsetFetchResponsePartition()
                .partitionIndex(tp.partition()).committedOffset(o == null ? -1 : o.offset())
                .committedLeaderEpoch(o == null ? -1 : o.leaderEpoch()).metadata(o == null ? "" : o.metadata())
                .errorCode(error.code());
            if (stable && groups.hasPendingTxnOffset(request.groupId(), tp)) {
                p.committedOffset(-1).errorCode(ErrorCode.UNSTABLE_OFFSET_COMMIT.code());
            }
            byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(p);
        });
        List<OffsetFetchResponse.OffsetFetchResponseTopic> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> topics.add(new OffsetFetchResponse.OffsetFetchResponseTopic()
            .name(name).partitions(partitions)));
        return new OffsetFetchResponse().topics(topics);
    }

    private OffsetFetchResponse batched(OffsetFetchRequest request) {
        List<OffsetFetchResponse.OffsetFetchResponseGroup> out = new ArrayList<>();
        for (OffsetFetchRequest.OffsetFetchRequestGroup g : request.groups()) {
            OffsetFetchResponse.OffsetFetchResponseGroup group = new OffsetFetchResponse.OffsetFetchResponseGroup()
                .groupId(g.groupId());
            ErrorCode error = groups.checkGroup(g.groupId());
            if (error == ErrorCode.NONE) {
                // v9: a consumer-protocol member names itself and its epoch.
                error = groups.consumers().validateFetch(g.groupId(), g.memberId(), g.memberEpoch());
            }
            if (error != ErrorCode.NONE) {
                out.add(group.errorCode(error.code()));
                continue;
            }
            List<TopicPartition> asked = null;
            if (g.topics() != null) {
                asked = new ArrayList<>();
                for (OffsetFetchRequest.OffsetFetchRequestTopics t : g.topics()) {
                    for (int p : t.partitionIndexes()) {
                        asked.add(new TopicPartition(t.name(), p));
                    }
                }
            }
            Map<String, List<OffsetFetchResponse.OffsetFetchResponsePartitions>> byTopic = new LinkedHashMap<>();
            groups.committed(g.groupId(), asked).forEach((tp, o) -> {
                OffsetFetchResponse.OffsetFetchResponsePartitions p =
                    new OffsetFetchResponse.OffsetFetchResponsePartitions().partitionIndex(tp.partition())
                        .committedOffset(o == null ? -1 : o.offset())
                        .committedLeaderEpoch(o == null ? -1 : o.leaderEpoch())
                        .metadata(o == null ? "" : o.metadata()).errorCode(ErrorCode.NONE.code());
                if (request.requireStable() && groups.hasPendingTxnOffset(g.groupId(), tp)) {
                    p.committedOffset(-1).errorCode(ErrorCode.UNSTABLE_OFFSET_COMMIT.code());
                }
                byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(p);
            });
            List<OffsetFetchResponse.OffsetFetchResponseTopics> topics = new ArrayList<>();
            byTopic.forEach((name, partitions) -> topics.add(new OffsetFetchResponse.OffsetFetchResponseTopics()
                .name(name).partitions(partitions)));
            out.add(group.topics(topics).errorCode(ErrorCode.NONE.code()));
        }
        return new OffsetFetchResponse().groups(out);
    }
}
