package io.tributary.connect.source;

import io.tributary.connect.Connector;

/**
 * A connector that reads from another system into Kafka; its tasks are {@link SourceTask}s.
 *
 * @since 0.1
 */
public abstract class SourceConnector extends Connector {
    @Override
    public abstract Class<? extends SourceTask> taskClass();
}
