package io.tributary.connect.source;

/**
 * Whether a source connector's tasks, with a given configuration, define their own transaction boundaries through
 * {@link TransactionContext} ({@code transaction.boundary=connector}).
 *
 * @since 0.1
 */
public enum ConnectorTransactionBoundaries {
    SUPPORTED,
    UNSUPPORTED
}
