package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.metadata.Topic;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ErrorCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The per-partition checks OffsetCommit and TxnOffsetCommit share: the partition must exist and the metadata fit
 * {@code offset.metadata.max.bytes}. Collects each partition's error and the offsets that passed. Not thread-safe;
 * one per request.
 */
final class OffsetsToCommit {
    private final BrokerContext broker;
    private final int maxMetadataBytes;
    private final long now;
    final Map<TopicPartition, ErrorCode> results = new LinkedHashMap<>();
    final Map<TopicPartition, CommittedOffset> valid = new HashMap<>();

    OffsetsToCommit(BrokerContext broker, int maxMetadataBytes, long now) {
        this.broker = broker;
        this.maxMetadataBytes = maxMetadataBytes;
        this.now = now;
    }

    /** Checks one partition's offset; {@code leaderEpoch} is -1 where the request version has none. */
    void add(String topicName, int partition, long offset, int leaderEpoch, @Nullable String committedMetadata) {
        Optional<Topic> topic = broker.topics().get(topicName);
        TopicPartition tp = new TopicPartition(topicName, partition);
        String metadata = committedMetadata == null ? "" : committedMetadata;
        if (topic.isEmpty() || partition < 0 || partition >= topic.get().partitions()) {
            results.put(tp, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        } else if (metadata.length() > maxMetadataBytes) {
            results.put(tp, ErrorCode.OFFSET_METADATA_TOO_LARGE);
        } else {
            results.put(tp, ErrorCode.NONE);
            valid.put(tp, new CommittedOffset(offset, leaderEpoch, metadata, now));
        }
    }
}
