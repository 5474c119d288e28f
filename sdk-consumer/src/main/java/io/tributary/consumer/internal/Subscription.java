package io.tributary.consumer.internal;

import java.util.Set;
import java.util.regex.Pattern;

/** What a group member subscribes to: named topics, or every topic whose name matches a pattern. */
public sealed interface Subscription permits Subscription.Topics, Subscription.Matching {
    /** Whether {@code topic} belongs to the subscription. */
    boolean includes(String topic);

    /** These topics. */
    record Topics(Set<String> topics) implements Subscription {
        public Topics {
            topics = Set.copyOf(topics);
        }

        @Override
        public boolean includes(String topic) {
            return topics.contains(topic);
        }
    }

    /** Every topic, internal ones excepted, whose whole name matches {@code pattern}. */
    record Matching(Pattern pattern) implements Subscription {
        @Override
        public boolean includes(String topic) {
            return !topic.startsWith("__") && pattern.matcher(topic).matches();
        }
    }
}
