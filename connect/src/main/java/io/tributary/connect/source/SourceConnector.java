package io.tributary.connect.source;

import io.tributary.connect.Connector;
import java.util.Map;

/**
 * A connector that reads from another system into Kafka; its tasks are {@link SourceTask}s.
 *
 * @since 0.1
 */
public abstract class SourceConnector extends Connector {
    @Override
    public abstract Class<? extends SourceTask> taskClass();

    /**
     * Whether this connector delivers exactly once with {@code config} on an exactly-once worker; asked when
     * {@code exactly.once.support=required} is validated. Unsupported unless a connector says otherwise.
     */
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> config) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    /**
     * Whether this connector's tasks define transaction boundaries with {@code config}; asked when
     * {@code transaction.boundary=connector} is validated. Unsupported unless a connector says otherwise.
     */
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> config) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }
}
