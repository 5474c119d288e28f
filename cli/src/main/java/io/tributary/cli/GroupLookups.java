package io.tributary.cli;

import io.tributary.admin.GroupListing;
import io.tributary.admin.ListedOffset;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Look-ups the group commands share: offsets per partition, and a group's state as the group listing has it. */
final class GroupLookups {
    private GroupLookups() {
    }

    /**
     * The group's listing (state and type), for groups DescribeGroups does not describe: those of the consumer
     * protocol (KIP-848), which need ConsumerGroupDescribe. Empty if no broker lists the group.
     */
    static Optional<GroupListing> listing(TributaryAdmin admin, String group, Duration timeout) {
        List<GroupListing> all = admin.listGroups()
            .filter(g -> g.groupId().equals(group))
            .collectList()
            .block(timeout);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * The offset of {@code spec} for each partition, looked up per topic; partitions of a topic whose look-up
     * failed (say, it was deleted) are missing from the result.
     */
    static Map<TopicPartition, Long> lookUp(TributaryAdmin admin, Collection<TopicPartition> partitions,
                                            OffsetSpec spec, Duration timeout) {
        Map<String, List<TopicPartition>> byTopic = partitions.stream()
            .collect(Collectors.groupingBy(TopicPartition::topic, LinkedHashMap::new, Collectors.toList()));
        Map<TopicPartition, Long> found = Flux.fromIterable(byTopic.values())
            .flatMap(tps -> admin.listOffsets(tps.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
                .onErrorResume(e -> Mono.just(Map.of())))
            .collect(HashMap<TopicPartition, Long>::new, (all, some) -> some.forEach(
                (TopicPartition tp, ListedOffset o) -> all.put(tp, o.offset())))
            .block(timeout);
        return found == null ? Map.of() : found;
    }

    /** The offsets of {@code spec}, failing if any partition's look-up fails. */
    static Map<TopicPartition, Long> lookUpAll(TributaryAdmin admin, Collection<TopicPartition> partitions,
                                               OffsetSpec spec, Duration timeout) {
        Map<TopicPartition, ListedOffset> found = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> spec)))
            .block(timeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (found != null) {
            found.forEach((tp, o) -> offsets.put(tp, o.offset()));
        }
        return offsets;
    }
}
