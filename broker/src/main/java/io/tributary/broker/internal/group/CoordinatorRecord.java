package io.tributary.broker.internal.group;

import io.tributary.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * One record of {@code __consumer_offsets} in logical form: a committed offset, a classic group's metadata or one of
 * the {@link ConsumerGroupRecord}s of a consumer-protocol group, where a null value is a tombstone. Immutable.
 */
public sealed interface CoordinatorRecord permits CoordinatorRecord.Offset, CoordinatorRecord.Group,
    ConsumerGroupRecord {
    /** The group the record belongs to (it decides the partition). */
    String groupId();

    /**
     * OffsetCommitKey (type 1) with an OffsetCommitValue (v3), or a tombstone.
     *
     * @param groupId   the group
     * @param partition the committed partition
     * @param value     the offset, or null to delete it
     */
    record Offset(String groupId, TopicPartition partition, @Nullable CommittedOffset value)
        implements CoordinatorRecord {
    }

    /**
     * GroupMetadataKey (type 2) with a GroupMetadataValue (v3), or a tombstone.
     *
     * @param groupId the group
     * @param value   the metadata, or null to delete the group
     */
    record Group(String groupId, @Nullable GroupSnapshot value) implements CoordinatorRecord {
    }
}
