/** Cluster metadata of the single-node broker: topics, their ids, partitions and configs, persisted on disk. */
@NullMarked
package io.tributary.broker.internal.metadata;

import org.jspecify.annotations.NullMarked;
