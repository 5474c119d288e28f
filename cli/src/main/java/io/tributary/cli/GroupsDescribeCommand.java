package io.tributary.cli;

import io.tributary.admin.GroupDescription;
import io.tributary.admin.GroupListing;
import io.tributary.admin.GroupOffset;
import io.tributary.admin.GroupState;
import io.tributary.admin.MemberDescription;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.Output;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary groups describe --group billing}: per partition the group committed or owns, its current
 * (committed) offset, log end offset and lag, and the member that owns it.
 */
@Command(name = "describe", description = "Shows a group's offsets, lag and members per partition.")
final class GroupsDescribeCommand extends ClientCommand {
    private static final Comparator<TopicPartition> BY_TOPIC_AND_PARTITION =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group to describe.")
    String group;

    @Override
    int run() throws Exception {
        Map<String, Object> described = withAdmin(this::describe);
        Output output = output();
        if (output.isJson()) {
            output.json(described);
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) described.get("offsets");
        String protocol = (String) described.get("protocol");
        output.line("Group: " + group + "  State: " + described.get("state") + "  Protocol: "
            + (protocol.isEmpty() ? "-" : protocol) + "  Members: " + ((List<?>) described.get("members")).size());
        output.table(List.of("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
            "CLIENT-ID"), offsets.stream()
            .map(o -> Output.row(o.get("topic"), o.get("partition"), o.get("currentOffset"), o.get("logEndOffset"),
                o.get("lag"), o.get("memberId"), o.get("host"), o.get("clientId")))
            .toList());
        return 0;
    }

    private Map<String, Object> describe(TributaryAdmin admin) {
        Duration timeout = global.apiTimeout().plusSeconds(10);
        GroupDescription description = describeGroup(admin);
        // Not a classic group (DescribeGroups does not know it): the group listing still has its state.
        Optional<GroupListing> listing = description == null ? GroupLookups.listing(admin, group, timeout)
            : Optional.empty();
        Map<TopicPartition, GroupOffset> committed = await(admin.listGroupOffsets(group));
        boolean exists = description != null
            ? description.state() != GroupState.DEAD || !description.members().isEmpty()
            : listing.isPresent();
        if (!exists && committed.isEmpty()) {
            throw new IllegalArgumentException("Group " + group + " does not exist");
        }
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        List<MemberDescription> members = description == null ? List.of() : description.members();
        members.forEach(m -> m.assignedPartitions().forEach(tp -> owners.put(tp, m)));
        TreeSet<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_AND_PARTITION);
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, Long> ends = GroupLookups.lookUp(admin, partitions, OffsetSpec.latest(), timeout);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            GroupOffset current = committed.get(tp);
            Long end = ends.get(tp);
            MemberDescription owner = owners.get(tp);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", tp.topic());
            row.put("partition", tp.partition());
            row.put("currentOffset", current == null ? null : current.offset());
            row.put("logEndOffset", end);
            row.put("lag", current == null || end == null ? null : Math.max(0, end - current.offset()));
            row.put("memberId", owner == null ? null : owner.memberId());
            row.put("host", owner == null ? null : owner.host());
            row.put("clientId", owner == null ? null : owner.clientId());
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", group);
        if (description != null) {
            json.put("state", description.state().kafkaName());
            json.put("protocolType", description.protocolType());
            json.put("protocol", description.protocol());
        } else {
            json.put("state", listing.map(g -> g.state().kafkaName()).orElse(GroupState.UNKNOWN.kafkaName()));
            json.put("protocolType", listing.map(GroupListing::protocolType).orElse(""));
            json.put("protocol", "");
        }
        json.put("members", members.stream().map(GroupsDescribeCommand::member).toList());
        json.put("offsets", rows);
        return json;
    }

    /** The group's classic description; null when the broker does not know it as a classic group. */
    private @Nullable GroupDescription describeGroup(TributaryAdmin admin) {
        try {
            return await(admin.describeGroups(List.of(group))).get(group);
        } catch (RuntimeException e) {
            if (ErrorMessages.unwrap(e) instanceof ApiException api && api.error() == ErrorCode.GROUP_ID_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static Map<String, Object> member(MemberDescription m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("memberId", m.memberId());
        json.put("groupInstanceId", m.groupInstanceId());
        json.put("clientId", m.clientId());
        json.put("host", m.host());
        json.put("assignment", m.assignedPartitions().stream()
            .sorted(BY_TOPIC_AND_PARTITION)
            .map(tp -> {
                Map<String, Object> partition = new LinkedHashMap<>();
                partition.put("topic", tp.topic());
                partition.put("partition", tp.partition());
                return partition;
            })
            .toList());
        return json;
    }
}
