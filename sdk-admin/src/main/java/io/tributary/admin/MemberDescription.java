package io.tributary.admin;

import io.tributary.common.TopicPartition;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One member of a classic group, as {@link TributaryAdmin#describeGroups} finds it.
 *
 * @param memberId           the id the coordinator gave the member
 * @param groupInstanceId    the static member id, if the member set one
 * @param clientId           the member's {@code client.id}
 * @param host               the host the member connects from
 * @param assignment         the assignment bytes the leader sent the member (empty unless the group is Stable);
 *                           the accessor returns a copy
 * @param assignedPartitions the partitions in {@code assignment}, decoded when the group's protocol type is
 *                           {@code consumer}; empty otherwise
 * @since 0.1
 */
public record MemberDescription(String memberId, @Nullable String groupInstanceId, String clientId, String host,
                                byte[] assignment, List<TopicPartition> assignedPartitions) {
    public MemberDescription {
        assignment = assignment.clone();
        assignedPartitions = List.copyOf(assignedPartitions);
    }

    @Override
    public byte[] assignment() {
        return assignment.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MemberDescription m && memberId.equals(m.memberId)
            && Objects.equals(groupInstanceId, m.groupInstanceId) && clientId.equals(m.clientId)
            && host.equals(m.host) && Arrays.equals(assignment, m.assignment)
            && assignedPartitions.equals(m.assignedPartitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(memberId, groupInstanceId, clientId, host, Arrays.hashCode(assignment),
            assignedPartitions);
    }

    @Override
    public String toString() {
        return "MemberDescription[memberId=" + memberId + ", groupInstanceId=" + groupInstanceId + ", clientId="
            + clientId + ", host=" + host + ", assignment=" + assignment.length + " bytes, assignedPartitions="
            + assignedPartitions + "]";
    }
}
