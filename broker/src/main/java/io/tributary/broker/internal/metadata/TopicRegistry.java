package io.tributary.broker.internal.metadata;

import io.tributary.broker.internal.config.ConfigException;
import io.tributary.broker.internal.config.ConfigKey;
import io.tributary.broker.internal.config.TopicConfigDef;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The topics of this broker, by name and by id, persisted through {@link TopicStore}. Reads are lock-free;
 * changes are serialised on the registry so that a topic is created, changed or deleted as a whole. Listeners hear
 * of every change after it is persisted. Failures are {@link ApiException}s carrying Kafka's error code.
 */
public final class TopicRegistry {
    private final TopicStore store;
    private final Map<String, Topic> byName = new ConcurrentHashMap<>();
    private final Map<UUID, Topic> byId = new ConcurrentHashMap<>();
    private final List<Consumer<TopicChange>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A change to one topic: {@code before} is null for a creation, {@code after} null for a deletion. */
    public record TopicChange(@Nullable Topic before, @Nullable Topic after) {
    }

    public TopicRegistry(Path logDir) {
        this.store = new TopicStore(logDir);
        for (Topic t : store.loadAll()) {
            byName.put(t.name(), t);
            byId.put(t.id(), t);
        }
    }

    public void onChange(Consumer<TopicChange> listener) {
        listeners.add(listener);
    }

    public Optional<Topic> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Topic> get(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Topic> all() {
        return byName.values();
    }

    /** Checks a creation without performing it (CreateTopics validate-only uses this alone). */
    public void validateCreate(String name, int partitions, Map<String, String> configs) {
        String invalid = TopicNames.invalidReason(name);
        if (invalid != null) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception(invalid);
        }
        if (byName.containsKey(name)) {
            throw ErrorCode.TOPIC_ALREADY_EXISTS.exception("Topic '" + name + "' already exists.");
        }
        if (partitions <= 0) {
            throw ErrorCode.INVALID_PARTITIONS.exception("Number of partitions must be at least 1, was "
                + partitions);
        }
        validateConfigs(configs);
    }

    /**
     * Creates a topic; fails with TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS or
     * INVALID_CONFIG.
     */
    public synchronized Topic create(String name, int partitions, Map<String, String> configs) {
        validateCreate(name, partitions, configs);
        Topic topic = new Topic(name, randomTopicId(), partitions, configs, TopicNames.isInternal(name));
        store.save(topic);
        byName.put(name, topic);
        byId.put(topic.id(), topic);
        fire(null, topic);
        return topic;
    }

    /** Deletes a topic; fails with UNKNOWN_TOPIC_OR_PARTITION. */
    public synchronized Topic delete(String name) {
        Topic topic = require(name);
        store.delete(name);
        byName.remove(name);
        byId.remove(topic.id());
        fire(topic, null);
        return topic;
    }

    /** Grows a topic to {@code total} partitions; fails with INVALID_PARTITIONS unless it grows. */
    public synchronized Topic increasePartitions(String name, int total, boolean validateOnly) {
        Topic topic = require(name);
        if (total <= topic.partitions()) {
            throw ErrorCode.INVALID_PARTITIONS.exception("Topic currently has " + topic.partitions()
                + " partitions, which is higher than or equal to the requested " + total + ".");
        }
        if (validateOnly) {
            return topic.withPartitions(total);
        }
        return replace(topic, topic.withPartitions(total));
    }

    /** Replaces a topic's config overrides as a whole; fails with INVALID_CONFIG. */
    public synchronized Topic replaceConfigs(String name, Map<String, String> overrides, boolean validateOnly) {
        Topic topic = require(name);
        validateConfigs(overrides);
        if (validateOnly) {
            return topic.withConfigs(overrides);
        }
        return replace(topic, topic.withConfigs(overrides));
    }

    public Topic require(String name) {
        Topic topic = byName.get(name);
        if (topic == null) {
            throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("Topic '" + name + "' does not exist.");
        }
        return topic;
    }

    private Topic replace(Topic before, Topic after) {
        store.save(after);
        byName.put(after.name(), after);
        byId.put(after.id(), after);
        fire(before, after);
        return after;
    }

    private void fire(@Nullable Topic before, @Nullable Topic after) {
        TopicChange change = new TopicChange(before, after);
        for (Consumer<TopicChange> l : listeners) {
            l.accept(change);
        }
    }

    /** Fails with INVALID_CONFIG naming the first unknown or invalid topic config. */
    public static void validateConfigs(Map<String, String> configs) {
        for (Map.Entry<String, String> e : configs.entrySet()) {
            ConfigKey key = TopicConfigDef.DEF.key(e.getKey());
            if (key == null) {
                throw ErrorCode.INVALID_CONFIG.exception("Unknown topic config name: " + e.getKey());
            }
            if (e.getValue() == null) {
                throw ErrorCode.INVALID_CONFIG.exception("Null value not supported for topic config " + e.getKey());
            }
            try {
                key.parse(e.getValue());
            } catch (ConfigException ex) {
                throw ErrorCode.INVALID_CONFIG.exception(ex.getMessage());
            }
        }
    }

    /** A random topic id whose text form does not start with '-', as Kafka guarantees. */
    static UUID randomTopicId() {
        while (true) {
            UUID id = ClusterIdentity.randomUuid();
            if (!ClusterIdentity.base64(id).startsWith("-")) {
                return id;
            }
        }
    }
}
