package io.tributary.cli;

import io.tributary.admin.GroupDescription;
import io.tributary.admin.GroupListing;
import io.tributary.admin.GroupOffset;
import io.tributary.admin.GroupState;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TopicDescription;
import io.tributary.admin.TributaryAdmin;
import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.Output;
import io.tributary.common.TopicPartition;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary groups reset-offsets --group billing --topic orders --to-earliest [--execute]}: moves the
 * committed offsets of a group without members. Like Kafka's tool it only prints the plan unless {@code --execute}
 * is given. Target offsets are kept within each partition's earliest and latest offsets.
 */
@Command(name = "reset-offsets", description = "Moves a group's committed offsets; prints the plan unless --execute.")
final class GroupsResetOffsetsCommand extends ClientCommand {
    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group, which must be empty.")
    String group;

    @Option(names = "--topic", paramLabel = "TOPIC[:P,P...]",
        description = "A topic, or some of its partitions (orders:0,2); repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--all-topics", description = "Every topic the group committed offsets for.")
    boolean allTopics;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--execute", description = "Commit the new offsets (default: only print the plan).")
    boolean execute;

    @Option(names = "--dry-run", description = "Only print the plan (the default).")
    boolean dryRun;

    /** Where the offsets go: exactly one of the options. */
    static final class Target {
        @Option(names = "--to-earliest", required = true, description = "To the earliest offset.")
        boolean earliest;

        @Option(names = "--to-latest", required = true, description = "To the latest offset (the log end).")
        boolean latest;

        @Option(names = "--to-offset", required = true, paramLabel = "OFFSET", description = "To OFFSET.")
        @Nullable Long offset;

        @Option(names = "--to-datetime", required = true, paramLabel = "DATETIME",
            description = "To the first record at or after DATETIME: 2024-05-01T12:00:00 (local time), "
                + "2024-05-01T12:00:00Z, 2024-05-01T12:00:00+02:00, or epoch milliseconds.")
        @Nullable String datetime;

        @Option(names = "--shift-by", required = true, paramLabel = "N",
            description = "By N from the committed offset (negative moves back).")
        @Nullable Long shiftBy;
    }

    @Override
    int run() throws Exception {
        if (topics.isEmpty() == !allTopics) {
            throw usage("Give either --topic or --all-topics");
        }
        if (execute && dryRun) {
            throw usage("--execute and --dry-run exclude each other");
        }
        Long timestamp = target.datetime == null ? null : parseDatetime(target.datetime);
        List<Map<String, Object>> plan = withAdmin(admin -> {
            checkInactive(admin);
            Map<TopicPartition, GroupOffset> committed = await(admin.listGroupOffsets(group));
            List<TopicPartition> partitions = partitions(admin, committed);
            Map<TopicPartition, Long> newOffsets = newOffsets(admin, partitions, committed, timestamp);
            if (execute) {
                awaitDone(admin.alterGroupOffsets(group, newOffsets));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            newOffsets.forEach((tp, offset) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("topic", tp.topic());
                row.put("partition", tp.partition());
                GroupOffset current = committed.get(tp);
                row.put("currentOffset", current == null ? null : current.offset());
                row.put("newOffset", offset);
                rows.add(row);
            });
            return rows;
        });
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("group", group);
            json.put("executed", execute);
            json.put("offsets", plan);
            output.json(json);
        } else {
            output.table(List.of("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET"), plan.stream()
                .map(r -> Output.row(group, r.get("topic"), r.get("partition"), r.get("currentOffset"),
                    r.get("newOffset")))
                .toList());
        }
        if (!execute) {
            err().println("Dry run: nothing was changed; add --execute to commit these offsets.");
            err().flush();
        }
        return 0;
    }

    private void checkInactive(TributaryAdmin admin) {
        GroupDescription d;
        try {
            d = await(admin.describeGroups(List.of(group))).get(group);
        } catch (RuntimeException e) {
            if (!(ErrorMessages.unwrap(e) instanceof ApiException api && api.error() == ErrorCode.GROUP_ID_NOT_FOUND)) {
                throw e;
            }
            // Not a classic group: judge by the state in the group listing.
            GroupState state = GroupLookups.listing(admin, group, global.apiTimeout().plusSeconds(10))
                .map(GroupListing::state)
                .orElse(GroupState.DEAD);
            if (state != GroupState.EMPTY && state != GroupState.DEAD && state != GroupState.UNKNOWN) {
                throw new IllegalStateException("Offsets of group " + group + " can only be reset while it has no "
                    + "members, but it is " + state.kafkaName() + "; stop its consumers first");
            }
            return;
        }
        if (d != null && d.state() != GroupState.EMPTY && d.state() != GroupState.DEAD) {
            throw new IllegalStateException("Offsets of group " + group + " can only be reset while it has no "
                + "members, but it is " + d.state().kafkaName() + " with " + d.members().size()
                + " member(s); stop its consumers first");
        }
    }

    /** The partitions named by --topic (all of a topic's unless listed) or, with --all-topics, those committed. */
    private List<TopicPartition> partitions(TributaryAdmin admin, Map<TopicPartition, GroupOffset> committed) {
        if (allTopics) {
            return committed.keySet().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
        }
        Map<String, List<Integer>> wanted = new LinkedHashMap<>();
        for (String spec : topics) {
            int colon = spec.indexOf(':');
            String topic = colon < 0 ? spec : spec.substring(0, colon);
            List<Integer> list = wanted.computeIfAbsent(topic, t -> new ArrayList<>());
            if (colon >= 0) {
                for (String p : spec.substring(colon + 1).split(",")) {
                    try {
                        list.add(Integer.parseInt(p.trim()));
                    } catch (NumberFormatException e) {
                        throw usage("--topic " + spec + ": '" + p + "' is not a partition number");
                    }
                }
            }
        }
        Map<String, TopicDescription> described = await(admin.describeTopics(wanted.keySet()));
        List<TopicPartition> result = new ArrayList<>();
        wanted.forEach((topic, listed) -> {
            int count = described.get(topic).partitions().size();
            if (listed.isEmpty()) {
                for (int p = 0; p < count; p++) {
                    result.add(new TopicPartition(topic, p));
                }
            }
            for (int p : listed) {
                if (p < 0 || p >= count) {
                    throw new IllegalArgumentException("Topic " + topic + " has no partition " + p + " (it has "
                        + count + ")");
                }
                result.add(new TopicPartition(topic, p));
            }
        });
        return result;
    }

    private Map<TopicPartition, Long> newOffsets(TributaryAdmin admin, List<TopicPartition> partitions,
                                                 Map<TopicPartition, GroupOffset> committed,
                                                 @Nullable Long timestamp) {
        Duration timeout = global.apiTimeout().plusSeconds(10);
        Map<TopicPartition, Long> earliest = GroupLookups.lookUpAll(admin, partitions, OffsetSpec.earliest(), timeout);
        Map<TopicPartition, Long> latest = GroupLookups.lookUpAll(admin, partitions, OffsetSpec.latest(), timeout);
        Map<TopicPartition, Long> byTime = timestamp == null ? Map.of()
            : GroupLookups.lookUpAll(admin, partitions, OffsetSpec.forTimestamp(timestamp), timeout);
        Map<TopicPartition, Long> result = new TreeMap<>(
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition tp : partitions) {
            long low = earliest.get(tp);
            long high = latest.get(tp);
            long wanted;
            if (target.earliest) {
                wanted = low;
            } else if (target.latest) {
                wanted = high;
            } else if (target.offset != null) {
                wanted = target.offset;
            } else if (target.shiftBy != null) {
                GroupOffset current = committed.get(tp);
                if (current == null) {
                    throw new IllegalArgumentException("Cannot shift the offset of " + tp + ": group " + group
                        + " has committed none there");
                }
                wanted = current.offset() + target.shiftBy;
            } else {
                long found = byTime.get(tp);
                wanted = found < 0 ? high : found;
            }
            result.put(tp, Math.max(low, Math.min(high, wanted)));
        }
        return result;
    }

    private long parseDatetime(String text) {
        String t = text.trim();
        if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
            return Long.parseLong(t);
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(t).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    throw usage("--to-datetime: '" + text + "' is not a date-time such as 2024-05-01T12:00:00, "
                        + "2024-05-01T12:00:00Z or epoch milliseconds");
                }
            }
        }
    }
}
