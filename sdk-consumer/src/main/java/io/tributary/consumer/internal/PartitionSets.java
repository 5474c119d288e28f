package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/** Set arithmetic on partitions, with results sorted by topic and partition for readable logs. Stateless. */
final class PartitionSets {
    /** By topic, then partition number. */
    static final Comparator<TopicPartition> ORDER =
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private PartitionSets() {
    }

    /** The partitions of {@code a} that are not in {@code b}, sorted. */
    static Set<TopicPartition> minus(Collection<TopicPartition> a, Collection<TopicPartition> b) {
        Set<TopicPartition> result = new TreeSet<>(ORDER);
        result.addAll(a);
        result.removeAll(Set.copyOf(b));
        return unmodifiable(result);
    }

    /** The partitions in {@code a} or {@code b}, sorted. */
    static Set<TopicPartition> union(Collection<TopicPartition> a, Collection<TopicPartition> b) {
        Set<TopicPartition> result = new TreeSet<>(ORDER);
        result.addAll(a);
        result.addAll(b);
        return unmodifiable(result);
    }

    /** {@code partitions}, sorted and unmodifiable. */
    static Set<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        Set<TopicPartition> result = new TreeSet<>(ORDER);
        result.addAll(partitions);
        return unmodifiable(result);
    }

    private static Set<TopicPartition> unmodifiable(Set<TopicPartition> sorted) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }
}
