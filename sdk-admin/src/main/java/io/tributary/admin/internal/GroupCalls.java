package io.tributary.admin.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.admin.GroupDescription;
import io.tributary.admin.GroupListing;
import io.tributary.admin.GroupState;
import io.tributary.admin.GroupType;
import io.tributary.admin.MemberDescription;
import io.tributary.client.internal.Failures;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.message.ConsumerProtocolAssignment;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Group calls: list (every broker), describe and delete (each group's coordinator). Stateless and thread-safe.
 */
final class GroupCalls {
    private static final String CONSUMER_PROTOCOL = "consumer";
    private static final short HIGHEST_ASSIGNMENT_VERSION = 3;

    private final AdminContext context;
    private final Coordinators coordinators;

    GroupCalls(AdminContext context, Coordinators coordinators) {
        this.context = context;
        this.coordinators = coordinators;
    }

    Flux<GroupListing> listGroups() {
        return context.onEveryBroker("ListGroups", broker -> context.runtime()
                .send(broker, new ListGroupsRequest().statesFilter(List.of()).typesFilter(List.of()),
                    ListGroupsResponse.class)
                .flatMap(r -> r.errorCode() != 0
                    ? Mono.error(Failures.of(r.errorCode(), null, "ListGroups to broker " + broker))
                    : Mono.just(listings(r))))
            .collectMap(GroupListing::groupId)
            .flatMapIterable(Map::values)
            .sort(Comparator.comparing(GroupListing::groupId));
    }

    private static List<GroupListing> listings(ListGroupsResponse response) {
        List<GroupListing> out = new ArrayList<>();
        for (ListGroupsResponse.ListedGroup g : response.groups()) {
            out.add(new GroupListing(g.groupId(), GroupState.parse(g.groupState()), GroupType.parse(g.groupType()),
                g.protocolType()));
        }
        return out;
    }

    Mono<Map<String, GroupDescription>> describeGroups(List<String> groupIds) {
        return KeyedCall.run(context.runtime(), "DescribeGroups of " + groupIds,
            () -> new KeyedCall<>(groupIds, KeyedCall.ANY_RETRIABLE, GroupCalls::group),
            (call, pending) -> Flux.fromIterable(pending)
                .flatMap(groupId -> describe(call, groupId))
                .then());
    }

    private Mono<Void> describe(KeyedCall<String, GroupDescription> call, String groupId) {
        DescribeGroupsRequest request = new DescribeGroupsRequest()
            .groups(List.of(groupId))
            .includeAuthorizedOperations(false);
        return coordinators.send(groupId, request, DescribeGroupsResponse.class)
            .doOnNext(response -> {
                for (DescribeGroupsResponse.DescribedGroup g : response.groups()) {
                    if (g.groupId().equals(groupId)) {
                        coordinators.onError(groupId, g.errorCode());
                        call.answer(groupId, g.errorCode(), g.errorMessage(),
                            g.errorCode() == 0 ? description(g) : null);
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(List.of(groupId), e);
                return Mono.empty();
            });
    }

    private static GroupDescription description(DescribeGroupsResponse.DescribedGroup g) {
        List<MemberDescription> members = new ArrayList<>();
        for (DescribeGroupsResponse.DescribedGroupMember m : g.members()) {
            byte[] assignment = m.memberAssignment() == null ? new byte[0] : m.memberAssignment();
            List<TopicPartition> partitions = CONSUMER_PROTOCOL.equals(g.protocolType())
                ? assignedPartitions(assignment) : List.of();
            members.add(new MemberDescription(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                assignment, partitions));
        }
        return new GroupDescription(g.groupId(), GroupState.parse(g.groupState()), g.protocolType(),
            g.protocolData(), members);
    }

    /** The partitions of a consumer protocol assignment: a version, then the fields of that version. */
    static List<TopicPartition> assignedPartitions(byte[] assignment) {
        if (assignment.length < 2) {
            return List.of();
        }
        ByteBuf in = Unpooled.wrappedBuffer(assignment);
        try {
            short version = in.readShort();
            if (version < 0) {
                return List.of();
            }
            // Later versions only append fields, so a newer assignment reads as the highest version known here.
            ConsumerProtocolAssignment decoded = ConsumerProtocolAssignment.read(in,
                (short) Math.min(version, HIGHEST_ASSIGNMENT_VERSION));
            List<TopicPartition> out = new ArrayList<>();
            for (ConsumerProtocolAssignment.TopicPartition tp : decoded.assignedPartitions()) {
                for (int p : tp.partitions()) {
                    out.add(new TopicPartition(tp.topic(), p));
                }
            }
            return out;
        } catch (RuntimeException e) {
            // Not a consumer protocol assignment after all: the raw bytes are still in the description.
            return List.of();
        } finally {
            in.release();
        }
    }

    Mono<Void> deleteGroups(List<String> groupIds) {
        return KeyedCall.run(context.runtime(), "DeleteGroups of " + groupIds,
                () -> new KeyedCall<String, Boolean>(groupIds, KeyedCall.ANY_RETRIABLE, GroupCalls::group),
                (call, pending) -> Flux.fromIterable(pending)
                    .flatMap(groupId -> delete(call, groupId))
                    .then())
            .then();
    }

    private Mono<Void> delete(KeyedCall<String, Boolean> call, String groupId) {
        return coordinators.send(groupId, new DeleteGroupsRequest().groupsNames(List.of(groupId)),
                DeleteGroupsResponse.class)
            .doOnNext(response -> {
                for (DeleteGroupsResponse.DeletableGroupResult r : response.results()) {
                    if (r.groupId().equals(groupId)) {
                        coordinators.onError(groupId, r.errorCode());
                        call.answer(groupId, r.errorCode(), null, Boolean.TRUE);
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(List.of(groupId), e);
                return Mono.empty();
            });
    }

    static String group(String groupId) {
        return "group " + groupId;
    }
}
