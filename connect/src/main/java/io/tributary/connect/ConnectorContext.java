package io.tributary.connect;

/**
 * What a running connector can ask of its worker.
 *
 * @since 0.1
 */
public interface ConnectorContext {
    /** The connector's task configurations changed (e.g. a new table appeared): ask for them again. */
    void requestTaskReconfiguration();

    /** The connector failed in the background: its status becomes FAILED with this trace. */
    void raiseError(Exception e);
}
