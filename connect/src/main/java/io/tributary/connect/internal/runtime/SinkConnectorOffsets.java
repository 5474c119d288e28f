package io.tributary.connect.internal.runtime;

import io.tributary.admin.TributaryAdmin;
import io.tributary.common.TopicPartition;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A sink connector's offsets: the committed offsets of its consumer group, read and changed through the admin
 * client, shaped as Kafka Connect's REST API shapes them ({@code {"kafka_topic", "kafka_partition"}} to
 * {@code {"kafka_offset"}}). Changing them needs the group to have no members, that is a STOPPED connector.
 */
final class SinkConnectorOffsets {
    static final String KAFKA_TOPIC = "kafka_topic";
    static final String KAFKA_PARTITION = "kafka_partition";
    static final String KAFKA_OFFSET = "kafka_offset";

    private SinkConnectorOffsets() {
    }

    static Mono<ConnectorOffsets> read(TributaryAdmin admin, String group) {
        return admin.listGroupOffsets(group).map(offsets -> {
            List<ConnectorOffsets.Offset> out = new ArrayList<>();
            offsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition)))
                .forEach(e -> out.add(new ConnectorOffsets.Offset(
                    Map.of(KAFKA_TOPIC, e.getKey().topic(), KAFKA_PARTITION, e.getKey().partition()),
                    Map.of(KAFKA_OFFSET, e.getValue().offset()))));
            return new ConnectorOffsets(out);
        });
    }

    /** Alters (offset given) and removes (offset null) committed offsets of the group. */
    static Mono<Void> alter(TributaryAdmin admin, String group, ConnectorOffsets offsets) {
        return Mono.defer(() -> {
            Map<TopicPartition, Long> altered = new HashMap<>();
            List<TopicPartition> removed = new ArrayList<>();
            for (ConnectorOffsets.Offset o : offsets.offsets()) {
                TopicPartition tp = partition(o.partition());
                if (o.offset() == null) {
                    removed.add(tp);
                } else {
                    altered.put(tp, offset(o.offset()));
                }
            }
            Mono<Void> alter = altered.isEmpty() ? Mono.empty() : admin.alterGroupOffsets(group, altered);
            Mono<Void> remove = removed.isEmpty() ? Mono.empty() : admin.deleteGroupOffsets(group, removed);
            return alter.then(remove).onErrorMap(SinkConnectorOffsets::explain);
        });
    }

    /** Removes every committed offset of the group (it is deleted). */
    static Mono<Void> reset(TributaryAdmin admin, String group) {
        return admin.deleteGroups(List.of(group))
            .onErrorResume(e -> e instanceof ApiException api && api.error() == ErrorCode.GROUP_ID_NOT_FOUND,
                e -> Mono.empty())
            .onErrorMap(SinkConnectorOffsets::explain);
    }

    private static Throwable explain(Throwable e) {
        if (e instanceof ApiException api && (api.error() == ErrorCode.UNKNOWN_MEMBER_ID
            || api.error() == ErrorCode.NON_EMPTY_GROUP)) {
            return ConnectRestException.badRequest("The sink connector's consumer group still has active members; "
                + "stop the connector and retry: " + e.getMessage());
        }
        return e;
    }

    private static TopicPartition partition(Map<String, Object> partition) {
        Object topic = partition.get(KAFKA_TOPIC);
        Object number = partition.get(KAFKA_PARTITION);
        if (!(topic instanceof String t) || t.isEmpty()) {
            throw ConnectRestException.badRequest("Partitions of sink connectors must have a '" + KAFKA_TOPIC
                + "' key with a topic name, was " + partition);
        }
        if (!(number instanceof Number n) || n.intValue() < 0 || n.doubleValue() != n.intValue()) {
            throw ConnectRestException.badRequest("Partitions of sink connectors must have a '" + KAFKA_PARTITION
                + "' key with a partition number, was " + partition);
        }
        return new TopicPartition(t, n.intValue());
    }

    private static long offset(Map<String, Object> offset) {
        Object o = offset.get(KAFKA_OFFSET);
        if (!(o instanceof Number n) || n.longValue() < 0 || offset.size() != 1) {
            throw ConnectRestException.badRequest("Offsets of sink connectors must be '" + KAFKA_OFFSET
                + "' with a non-negative number, was " + offset);
        }
        return n.longValue();
    }
}
