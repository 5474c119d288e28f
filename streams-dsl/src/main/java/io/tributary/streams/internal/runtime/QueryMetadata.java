package io.tributary.streams.internal.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.Partitions;
import io.tributary.serdes.Serializer;
import io.tributary.streams.HostInfo;
import io.tributary.streams.KeyQueryMetadata;
import io.tributary.streams.StreamsMetadata;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.TopologyGraph;
import io.tributary.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers where stores and keys live from the {@link HostMap} of the group's last assignment: a key's partition is
 * that of its serialized bytes among the partitions of its store's source topics (Kafka's default partitioner: the
 * way the SDK producer writes repartition topics), its host the instance running that task. Thread-safe: the map is
 * replaced whole on each assignment.
 */
final class QueryMetadata {
    private final TopologyGraph graph;
    private final List<Subtopology> subtopologies;
    private final Map<String, Integer> subtopologyByTopic;
    private final @Nullable HostInfo self;
    private volatile HostMap map = HostMap.EMPTY;

    QueryMetadata(TopologyGraph graph, List<Subtopology> subtopologies, Map<String, Integer> subtopologyByTopic,
                  @Nullable HostInfo self) {
        this.graph = graph;
        this.subtopologies = List.copyOf(subtopologies);
        this.subtopologyByTopic = Map.copyOf(subtopologyByTopic);
        this.self = self;
    }

    void update(HostMap next) {
        map = next;
    }

    <K> KeyQueryMetadata forKey(String store, K key, Serializer<K> keySerializer) {
        requireNonNull(key, "key");
        requireNonNull(keySerializer, "keySerializer");
        if (graph.isGlobalStore(store)) {
            // Every instance holds all of a global store.
            return self == null ? KeyQueryMetadata.NOT_AVAILABLE : new KeyQueryMetadata(self, Set.of(), -1);
        }
        Subtopology sub = subtopologyOf(store);
        HostMap current = map;
        Integer count = current.partitions().get(sub.id());
        if (count == null || count <= 0) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        byte[] bytes = keySerializer.serialize(sourceTopic(sub), key);
        if (bytes == null) {
            throw new IllegalArgumentException("The key serializes to null: it has no partition");
        }
        TaskId task = new TaskId(sub.id(), Partitions.forKey(bytes, count));
        HostInfo active = null;
        Set<HostInfo> standbys = new HashSet<>();
        for (HostMap.Host h : current.hosts()) {
            if (h.active().contains(task)) {
                active = h.info();
            } else if (h.standby().contains(task)) {
                standbys.add(h.info());
            }
        }
        return active == null ? KeyQueryMetadata.NOT_AVAILABLE
            : new KeyQueryMetadata(active, standbys, task.partition());
    }

    /** The instances running or keeping standbys of a task of {@code store}. */
    Collection<StreamsMetadata> forStore(String store) {
        if (graph.isGlobalStore(store)) {
            return all();
        }
        int sub = subtopologyOf(store).id();
        List<StreamsMetadata> out = new ArrayList<>();
        for (HostMap.Host h : map.hosts()) {
            if (h.active().stream().anyMatch(t -> t.subtopology() == sub)
                || h.standby().stream().anyMatch(t -> t.subtopology() == sub)) {
                out.add(metadata(h));
            }
        }
        return out;
    }

    Collection<StreamsMetadata> all() {
        return map.hosts().stream().map(this::metadata).toList();
    }

    private StreamsMetadata metadata(HostMap.Host h) {
        Set<String> globals = graph.globalTopics().keySet();
        Set<String> stores = new HashSet<>(globals);
        Set<TopicPartition> partitions = new HashSet<>();
        for (TaskId t : h.active()) {
            stores.addAll(subtopologies.get(t.subtopology()).stores());
            partitions.addAll(partitionsOf(t));
        }
        Set<String> standbyStores = new HashSet<>();
        Set<TopicPartition> standbyPartitions = new HashSet<>();
        for (TaskId t : h.standby()) {
            standbyStores.addAll(subtopologies.get(t.subtopology()).stores());
            standbyPartitions.addAll(partitionsOf(t));
        }
        return new StreamsMetadata(h.info(), stores, partitions, standbyStores, standbyPartitions);
    }

    private List<TopicPartition> partitionsOf(TaskId task) {
        List<TopicPartition> out = new ArrayList<>();
        subtopologyByTopic.forEach((topic, sub) -> {
            if (sub == task.subtopology()) {
                out.add(new TopicPartition(topic, task.partition()));
            }
        });
        return out;
    }

    private Subtopology subtopologyOf(String store) {
        for (Subtopology s : subtopologies) {
            if (s.stores().contains(store)) {
                return s;
            }
        }
        throw new IllegalArgumentException("The topology has no store named " + store);
    }

    /** A source topic of {@code sub}, as created (the name its keys are serialized for). */
    private String sourceTopic(Subtopology sub) {
        return subtopologyByTopic.entrySet().stream()
            .filter(e -> e.getValue() == sub.id())
            .map(Map.Entry::getKey)
            .sorted()
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Sub-topology " + sub.id() + " reads no topic"));
    }
}
