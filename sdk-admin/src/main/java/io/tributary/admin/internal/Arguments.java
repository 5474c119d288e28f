package io.tributary.admin.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.admin.NewTopic;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Checks of call arguments, made at call time so that bad ones throw before anything is assembled. Stateless. */
final class Arguments {
    private Arguments() {
    }

    /** The topics by name, in the order given; a name given twice is an error. */
    static Map<String, NewTopic> uniqueTopics(List<NewTopic> topics) {
        requireNonNull(topics, "topics");
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        for (NewTopic t : topics) {
            requireNonNull(t, "topic");
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("Topic " + t.name() + " is given twice");
            }
        }
        return byName;
    }

    /** The distinct names, in the order given, none null or empty. */
    static List<String> names(Collection<String> names, String what) {
        requireNonNull(names, what);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String n : names) {
            requireNonNull(n, what + " element");
            if (n.isEmpty()) {
                throw new IllegalArgumentException(what + " must not contain an empty name");
            }
            out.add(n);
        }
        return new ArrayList<>(out);
    }

    /** The distinct partitions, in the order given, none null. */
    static List<TopicPartition> partitions(Collection<TopicPartition> partitions) {
        requireNonNull(partitions, "partitions");
        LinkedHashSet<TopicPartition> out = new LinkedHashSet<>();
        for (TopicPartition tp : partitions) {
            out.add(requireNonNull(tp, "partition"));
        }
        return new ArrayList<>(out);
    }

    /** A copy of a map with no null keys or values, in the order given. */
    static <K, V> Map<K, V> entries(Map<K, V> map, String what) {
        requireNonNull(map, what);
        Map<K, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(requireNonNull(k, what + " key"), requireNonNull(v, what + " value of " + k)));
        return out;
    }

    /** A group id, not null or empty. */
    static String groupId(String groupId) {
        requireNonNull(groupId, "groupId");
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        return groupId;
    }
}
