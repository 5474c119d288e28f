package io.tributary.broker.internal.group;

import io.tributary.broker.internal.metadata.Topic;
import io.tributary.broker.internal.metadata.TopicRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The topics the consumer group coordinator assigns: by name, by id and all. Implementations are thread-safe. */
public interface TopicsView {
    /** No topics at all. */
    TopicsView NONE = of(List.of());

    Optional<Topic> get(String name);

    Optional<Topic> get(UUID id);

    Collection<Topic> all();

    /** The broker's topics. */
    static TopicsView of(TopicRegistry registry) {
        return new TopicsView() {
            @Override
            public Optional<Topic> get(String name) {
                return registry.get(name);
            }

            @Override
            public Optional<Topic> get(UUID id) {
                return registry.get(id);
            }

            @Override
            public Collection<Topic> all() {
                return registry.all();
            }
        };
    }

    /** A fixed set of topics (for tests). */
    static TopicsView of(Collection<Topic> topics) {
        List<Topic> copy = List.copyOf(topics);
        return new TopicsView() {
            @Override
            public Optional<Topic> get(String name) {
                return copy.stream().filter(t -> t.name().equals(name)).findFirst();
            }

            @Override
            public Optional<Topic> get(UUID id) {
                return copy.stream().filter(t -> t.id().equals(id)).findFirst();
            }

            @Override
            public Collection<Topic> all() {
                return copy;
            }
        };
    }
}
