package io.tributary.broker.internal.fetch;

import java.util.UUID;

/**
 * How a fetch names a partition: by topic name (Fetch v4-12) or by topic id (v13+). Immutable.
 *
 * @param topic     topic name, empty when the request names topics by id
 * @param topicId   topic id, zero when the request names topics by name
 * @param partition partition index
 */
public record PartitionKey(String topic, UUID topicId, int partition) {
}
