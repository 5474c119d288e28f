package io.tributary.broker.internal.group;

import io.tributary.broker.internal.metadata.ClusterIdentity;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ConsumerGroupHeartbeatRequest;
import io.tributary.protocol.message.ConsumerGroupHeartbeatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a ConsumerGroupHeartbeat changes a consumer-protocol group (PROTOCOL.md 5.7), in Kafka's three steps: the
 * member is created or updated, bumping the group epoch when a subscription (or a subscribed topic) changed; the
 * target assignment is recomputed when the group epoch is ahead of it; the member's assignment is reconciled
 * towards its target ({@link Reconciler}). Errors are thrown as {@link io.tributary.errors.ApiException}s before
 * anything changes. Every change is a {@link ConsumerGroupRecord}, applied to the group at once and returned for
 * persisting. Time is a parameter.
 *
 * <p>Thread-safe (stateless but for the configuration); the caller holds the group's monitor.
 */
final class ConsumerHeartbeats {
    static final int LEAVE_EPOCH = -1;
    static final int STATIC_LEAVE_EPOCH = -2;
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerHeartbeats.class);

    private final ConsumerGroupConfig config;
    private final TopicsView topics;
    private final Map<String, ServerAssignor> assignors = new LinkedHashMap<>();

    ConsumerHeartbeats(ConsumerGroupConfig config, TopicsView topics) {
        this.config = config;
        this.topics = topics;
        config.assignors().forEach(name -> assignors.put(name, ServerAssignor.named(name)));
    }

    /**
     * What a heartbeat did.
     *
     * @param response the answer
     * @param records  the records to persist, already applied to the group
     */
    record Outcome(ConsumerGroupHeartbeatResponse response, List<ConsumerGroupRecord> records) {
    }

    /** Checks a request as Kafka does before looking at the group: INVALID_REQUEST, UNSUPPORTED_ASSIGNOR. */
    void validate(ConsumerGroupHeartbeatRequest r, short version) {
        int epoch = r.memberEpoch();
        if (version >= 1 || epoch > 0 || epoch == LEAVE_EPOCH) {
            requireNotBlank(r.memberId(), "MemberId can't be empty.");
        }
        requireNotBlank(r.groupId(), "GroupId can't be empty.");
        requireNotBlank(r.instanceId(), "InstanceId can't be empty.");
        requireNotBlank(r.rackId(), "RackId can't be empty.");
        if (epoch == 0) {
            if (r.rebalanceTimeoutMs() == -1) {
                throw invalid("RebalanceTimeoutMs must be provided in first request.");
            }
            if (r.topicPartitions() == null || !r.topicPartitions().isEmpty()) {
                throw invalid("TopicPartitions must be empty when (re-)joining.");
            }
            boolean names = r.subscribedTopicNames() != null && !r.subscribedTopicNames().isEmpty();
            boolean regex = r.subscribedTopicRegex() != null && !r.subscribedTopicRegex().isEmpty();
            if (!names && !regex) {
                throw invalid("SubscribedTopicNames or SubscribedTopicRegex must be set in first request.");
            }
        } else if (epoch == STATIC_LEAVE_EPOCH) {
            if (r.instanceId() == null) {
                throw invalid("InstanceId can't be null.");
            }
        } else if (epoch < STATIC_LEAVE_EPOCH) {
            throw invalid("MemberEpoch is invalid.");
        }
        if (r.serverAssignor() != null && !assignors.containsKey(r.serverAssignor())) {
            throw ErrorCode.UNSUPPORTED_ASSIGNOR.exception("ServerAssignor " + r.serverAssignor()
                + " is not supported. Supported assignors: " + String.join(", ", assignors.keySet()) + ".");
        }
        if (r.subscribedTopicRegex() != null && !r.subscribedTopicRegex().isEmpty()) {
            try {
                Pattern.compile(r.subscribedTopicRegex());
            } catch (PatternSyntaxException e) {
                throw ErrorCode.INVALID_REGULAR_EXPRESSION.exception("SubscribedTopicRegex "
                    + r.subscribedTopicRegex() + " is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    // ---------------------------------------------------------------- joining and heartbeating

    /** A heartbeat with epoch 0 (join) or the member's epoch; see the class comment. */
    Outcome heartbeat(ConsumerGroup group, ConsumerGroupHeartbeatRequest r, String clientId, String clientHost,
                      long now) {
        String memberId = r.memberId().isEmpty() ? ClusterIdentity.base64(ClusterIdentity.randomUuid()) : r.memberId();
        boolean joining = r.memberEpoch() == 0;
        Map<UUID, Set<Integer>> owned = Assignments.fromRequest(r.topicPartitions());
        if (group.size() >= config.maxSize() && (r.memberId().isEmpty() || group.member(memberId) == null)) {
            throw ErrorCode.GROUP_MAX_SIZE_REACHED.exception("The consumer group has reached its maximum capacity of "
                + config.maxSize() + " members.");
        }
        Records out = new Records(group);
        ConsumerGroupMember member = r.instanceId() == null
            ? dynamicMember(group, memberId, r.memberEpoch(), owned, joining, clientId, clientHost)
            : staticMember(group, memberId, r.instanceId(), r.memberEpoch(), owned, joining, clientId, clientHost, out);
        boolean isNew = group.member(memberId) == null;
        ConsumerMemberMetadata old = member.metadata();
        ConsumerMemberMetadata updated = updatedMetadata(old, r, clientId, clientHost);
        boolean bump = isNew || updated.subscriptionDiffers(old);
        if (isNew || !updated.equals(old)) {
            out.emit(new ConsumerGroupRecord.MemberMetadata(group.groupId(), memberId, updated));
        }
        Map<String, ConsumerGroup.TopicShape> shapes = subscribedTopics(group);
        bump |= group.subscribedTopics() != null && !shapes.equals(group.subscribedTopics());
        group.subscribedTopics(shapes);
        if (bump) {
            out.emit(new ConsumerGroupRecord.GroupEpoch(group.groupId(), group.groupEpoch() + 1));
            LOG.info("Group {}: epoch {} ({} {})", group.groupId(), group.groupEpoch(),
                isNew ? "member joined:" : "subscription changed:", memberId);
        }
        if (group.groupEpoch() > group.assignmentEpoch()) {
            computeTargetAssignment(group, shapes, out);
        }
        ConsumerMemberAssignment before = member.assignment();
        ConsumerMemberAssignment current = group.member(memberId).assignment();
        if (!current.isReconciledTo(group.assignmentEpoch())) {
            ConsumerMemberAssignment next = Reconciler.next(current, group.assignmentEpoch(), group.target(memberId),
                group::isHeld, owned);
            if (!next.equals(current)) {
                out.emit(new ConsumerGroupRecord.CurrentAssignment(group.groupId(), memberId, next));
                group.rebalanceDeadline(memberId, next.state() != MemberState.UNREVOKED_PARTITIONS ? null
                    : new ConsumerGroup.RebalanceDeadline(next.memberEpoch(),
                        now + group.member(memberId).metadata().rebalanceTimeoutMs()));
                current = next;
            }
        }
        group.sessionDeadline(memberId, now + config.sessionTimeoutMs());
        ConsumerGroupHeartbeatResponse response = new ConsumerGroupHeartbeatResponse().errorCode((short) 0)
            .memberId(memberId).memberEpoch(current.memberEpoch()).heartbeatIntervalMs(config.heartbeatIntervalMs());
        boolean full = joining || (r.rebalanceTimeoutMs() != -1 && r.topicPartitions() != null
            && (r.subscribedTopicNames() != null || r.subscribedTopicRegex() != null));
        if (full || !current.assigned().equals(before.assigned())) {
            response.assignment(new ConsumerGroupHeartbeatResponse.Assignment()
                .topicPartitions(Assignments.toResponse(current.assigned())));
        }
        return new Outcome(response, out.list());
    }

    private static ConsumerGroupMember dynamicMember(ConsumerGroup group, String memberId, int epoch,
                                                     @Nullable Map<UUID, Set<Integer>> owned, boolean joining,
                                                     String clientId, String clientHost) {
        ConsumerGroupMember m = group.member(memberId);
        if (m == null) {
            if (!joining) {
                throw ErrorCode.UNKNOWN_MEMBER_ID.exception("Member " + memberId + " is not a member of group "
                    + group.groupId() + ".");
            }
            return fresh(memberId, clientId, clientHost);
        }
        checkEpoch(m, epoch, owned);
        return m;
    }

    private static ConsumerGroupMember staticMember(ConsumerGroup group, String memberId, String instanceId,
                                                    int epoch, @Nullable Map<UUID, Set<Integer>> owned,
                                                    boolean joining, String clientId, String clientHost,
                                                    Records out) {
        ConsumerGroupMember existing = group.staticMember(instanceId);
        if (!joining) {
            if (existing == null) {
                throw ErrorCode.UNKNOWN_MEMBER_ID.exception("Instance id " + instanceId + " is unknown.");
            }
            requireSameMember(existing, memberId, instanceId);
            checkEpoch(existing, epoch, owned);
            return existing;
        }
        if (existing == null) {
            ConsumerGroupMember m = group.member(memberId);
            return m != null ? m : fresh(memberId, clientId, clientHost);
        }
        if (existing.memberEpoch() != STATIC_LEAVE_EPOCH) {
            throw ErrorCode.UNRELEASED_INSTANCE_ID.exception("Static member " + memberId + " with instance id "
                + instanceId + " cannot join the group because the instance id is owned by " + existing.memberId()
                + " member.");
        }
        // The instance comes back (KIP-345 semantics): the new member id takes over its place and partitions.
        ConsumerMemberAssignment a = existing.assignment();
        ConsumerGroupMember replacement = new ConsumerGroupMember(memberId, existing.metadata(),
            new ConsumerMemberAssignment(0, 0, a.state(), a.assigned(), a.pendingRevocation()));
        Map<UUID, Set<Integer>> target = group.target(existing.memberId());
        out.removeMember(existing.memberId());
        out.emit(new ConsumerGroupRecord.MemberMetadata(group.groupId(), memberId, replacement.metadata()));
        out.emit(new ConsumerGroupRecord.TargetMember(group.groupId(), memberId, target));
        out.emit(new ConsumerGroupRecord.CurrentAssignment(group.groupId(), memberId, replacement.assignment()));
        LOG.info("Group {}: static member {} replaces {} for instance id {}", group.groupId(), memberId,
            existing.memberId(), instanceId);
        return replacement;
    }

    private static ConsumerGroupMember fresh(String memberId, String clientId, String clientHost) {
        return new ConsumerGroupMember(memberId, new ConsumerMemberMetadata(null, null, clientId, clientHost,
            List.of(), null, -1, null), ConsumerMemberAssignment.INITIAL);
    }

    /** FENCED_MEMBER_EPOCH unless the epoch is the member's, or its previous one with no partition it lost since. */
    private static void checkEpoch(ConsumerGroupMember m, int received, @Nullable Map<UUID, Set<Integer>> owned) {
        if (received > m.memberEpoch()) {
            throw ErrorCode.FENCED_MEMBER_EPOCH.exception("The consumer group member has a greater member epoch ("
                + received + ") than the one known by the group coordinator (" + m.memberEpoch()
                + "). The member must abandon all its partitions and rejoin.");
        }
        // The previous epoch is fine if the response that bumped it may have been lost.
        if (received < m.memberEpoch() && (received != m.assignment().previousMemberEpoch()
            || !Assignments.isSubset(owned, m.assigned()))) {
            throw ErrorCode.FENCED_MEMBER_EPOCH.exception("The consumer group member has a smaller member epoch ("
                + received + ") than the one known by the group coordinator (" + m.memberEpoch()
                + "). The member must abandon all its partitions and rejoin.");
        }
    }

    private static void requireSameMember(ConsumerGroupMember existing, String memberId, String instanceId) {
        if (!existing.memberId().equals(memberId)) {
            throw ErrorCode.FENCED_INSTANCE_ID.exception("Static member " + memberId + " with instance id "
                + instanceId + " was fenced by member " + existing.memberId() + ".");
        }
    }

    private static ConsumerMemberMetadata updatedMetadata(ConsumerMemberMetadata old, ConsumerGroupHeartbeatRequest r,
                                                          String clientId, String clientHost) {
        String regex = r.subscribedTopicRegex() == null ? old.subscribedTopicRegex()
            : r.subscribedTopicRegex().isEmpty() ? null : r.subscribedTopicRegex();
        return new ConsumerMemberMetadata(
            r.instanceId() != null ? r.instanceId() : old.instanceId(),
            r.rackId() != null ? r.rackId() : old.rackId(),
            clientId, clientHost,
            r.subscribedTopicNames() != null ? r.subscribedTopicNames() : old.subscribedTopicNames(),
            regex,
            r.rebalanceTimeoutMs() != -1 ? r.rebalanceTimeoutMs() : old.rebalanceTimeoutMs(),
            r.serverAssignor() != null ? r.serverAssignor() : old.serverAssignor());
    }

    // ---------------------------------------------------------------- leaving and fencing

    /** A heartbeat with epoch -1 (leave) or -2 (a static member leaving for now). */
    Outcome leave(ConsumerGroup group, ConsumerGroupHeartbeatRequest r) {
        Records out = new Records(group);
        String memberId = r.memberId();
        if (r.instanceId() == null) {
            if (group.member(memberId) == null) {
                throw ErrorCode.UNKNOWN_MEMBER_ID.exception("Member " + memberId + " is not a member of group "
                    + group.groupId() + ".");
            }
            fence(group, memberId, out);
        } else {
            ConsumerGroupMember m = group.staticMember(r.instanceId());
            if (m == null) {
                throw ErrorCode.UNKNOWN_MEMBER_ID.exception("Instance id " + r.instanceId() + " is unknown.");
            }
            requireSameMember(m, memberId, r.instanceId());
            if (r.memberEpoch() == STATIC_LEAVE_EPOCH) {
                // It keeps its partitions until it comes back or its session expires.
                ConsumerMemberAssignment a = m.assignment();
                out.emit(new ConsumerGroupRecord.CurrentAssignment(group.groupId(), memberId,
                    new ConsumerMemberAssignment(STATIC_LEAVE_EPOCH, a.previousMemberEpoch(), a.state(),
                        a.assigned(), Assignments.EMPTY)));
            } else {
                fence(group, memberId, out);
            }
        }
        LOG.info("Group {}: member {} left with epoch {}", group.groupId(), memberId, r.memberEpoch());
        return new Outcome(new ConsumerGroupHeartbeatResponse().errorCode((short) 0).memberId(memberId)
            .memberEpoch(r.memberEpoch()), out.list());
    }

    /** Removes members whose session or revocation time ran out by {@code now}; returns the records. */
    List<ConsumerGroupRecord> expire(ConsumerGroup group, long now) {
        Records out = new Records(group);
        for (String memberId : group.expiredMembers(now)) {
            LOG.info("Group {}: member {} fenced (session or rebalance timeout)", group.groupId(), memberId);
            fence(group, memberId, out);
        }
        return out.list();
    }

    /** Tombstones of a whole empty group (DeleteGroups, expiry); afterwards the group is deleted. */
    List<ConsumerGroupRecord> delete(ConsumerGroup group) {
        Records out = new Records(group);
        group.memberIds().forEach(out::removeMember);
        group.targets().keySet().forEach(id -> out.emit(new ConsumerGroupRecord.TargetMember(group.groupId(), id,
            null)));
        out.emit(new ConsumerGroupRecord.TargetEpoch(group.groupId(), null));
        out.emit(new ConsumerGroupRecord.GroupEpoch(group.groupId(), null));
        return out.list();
    }

    /** Removes a member and bumps the group epoch, so that the others get its partitions. */
    private void fence(ConsumerGroup group, String memberId, Records out) {
        out.removeMember(memberId);
        group.subscribedTopics(subscribedTopics(group));
        out.emit(new ConsumerGroupRecord.GroupEpoch(group.groupId(), group.groupEpoch() + 1));
    }

    // ---------------------------------------------------------------- target assignment

    private void computeTargetAssignment(ConsumerGroup group, Map<String, ConsumerGroup.TopicShape> shapes,
                                         Records out) {
        String fallback = config.assignors().get(0);
        String name = group.preferredAssignor(fallback);
        ServerAssignor assignor = assignors.getOrDefault(name, assignors.get(fallback));
        Map<String, Set<UUID>> subscriptions = new LinkedHashMap<>();
        for (ConsumerGroupMember m : group.members()) {
            Set<UUID> ids = new TreeSet<>();
            topicNames(m.metadata()).forEach(t -> {
                ConsumerGroup.TopicShape shape = shapes.get(t);
                if (shape != null) {
                    ids.add(shape.id());
                }
            });
            subscriptions.put(m.memberId(), ids);
        }
        Map<UUID, Integer> counts = new TreeMap<>();
        shapes.values().forEach(s -> counts.put(s.id(), s.partitions()));
        Map<String, Map<UUID, Set<Integer>>> result = assignor.assign(new ServerAssignor.Spec(subscriptions, counts,
            group.targets()));
        for (String memberId : subscriptions.keySet()) {
            Map<UUID, Set<Integer>> t = Assignments.copyOf(result.getOrDefault(memberId, Assignments.EMPTY));
            if (!t.equals(group.target(memberId)) || !group.targets().containsKey(memberId)) {
                out.emit(new ConsumerGroupRecord.TargetMember(group.groupId(), memberId, t));
            }
        }
        out.emit(new ConsumerGroupRecord.TargetEpoch(group.groupId(), group.groupEpoch()));
        LOG.info("Group {}: target assignment of epoch {} computed by {}", group.groupId(), group.groupEpoch(),
            assignor.name());
    }

    /** Every existing topic some member subscribes to, by name or pattern; internal topics only by name. */
    private Map<String, ConsumerGroup.TopicShape> subscribedTopics(ConsumerGroup group) {
        Set<String> names = new TreeSet<>();
        group.members().forEach(m -> names.addAll(topicNames(m.metadata())));
        Map<String, ConsumerGroup.TopicShape> out = new TreeMap<>();
        for (String name : names) {
            topics.get(name).ifPresent(t -> out.put(name, new ConsumerGroup.TopicShape(t.id(), t.partitions())));
        }
        return out;
    }

    /** The topic names a member's subscription covers right now. */
    Set<String> topicNames(ConsumerMemberMetadata m) {
        Set<String> names = new TreeSet<>(m.subscribedTopicNames());
        if (m.subscribedTopicRegex() != null) {
            Pattern p = Pattern.compile(m.subscribedTopicRegex());
            for (Topic t : topics.all()) {
                if (!t.internal() && p.matcher(t.name()).matches()) {
                    names.add(t.name());
                }
            }
        }
        return names;
    }

    private static void requireNotBlank(@Nullable String value, String message) {
        if (value != null && value.isBlank()) {
            throw invalid(message);
        }
    }

    private static RuntimeException invalid(String message) {
        return ErrorCode.INVALID_REQUEST.exception(message);
    }

    /** Records of one operation: each is applied to the group as it is emitted. */
    private static final class Records {
        private final ConsumerGroup group;
        private final List<ConsumerGroupRecord> list = new ArrayList<>();

        Records(ConsumerGroup group) {
            this.group = group;
        }

        void emit(ConsumerGroupRecord record) {
            group.apply(record);
            list.add(record);
        }

        void removeMember(String memberId) {
            emit(new ConsumerGroupRecord.CurrentAssignment(group.groupId(), memberId, null));
            emit(new ConsumerGroupRecord.TargetMember(group.groupId(), memberId, null));
            emit(new ConsumerGroupRecord.MemberMetadata(group.groupId(), memberId, null));
        }

        List<ConsumerGroupRecord> list() {
            return list;
        }
    }
}
