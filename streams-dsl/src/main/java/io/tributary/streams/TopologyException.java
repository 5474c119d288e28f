package io.tributary.streams;

import io.tributary.errors.TributaryException;

/**
 * A topology that cannot run as declared: an unknown parent or store, a name used twice, a stateful operation
 * without a stable name, sources of one sub-topology that are not co-partitioned.
 *
 * @since 0.1
 */
public class TopologyException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super(message);
    }
}
