package io.tributary.connect.sink;

import io.tributary.connect.Connector;

/**
 * A connector that writes from Kafka into another system; its tasks are {@link SinkTask}s, consuming in one
 * consumer group per connector ({@code connect-<name>}). Its configuration names the topics with {@code topics}
 * or {@code topics.regex}.
 *
 * @since 0.1
 */
public abstract class SinkConnector extends Connector {
    /** The key naming the topics to read, comma-separated. */
    public static final String TOPICS_CONFIG = "topics";
    /** The key naming the topics to read by a regular expression. */
    public static final String TOPICS_REGEX_CONFIG = "topics.regex";

    @Override
    public abstract Class<? extends SinkTask> taskClass();
}
