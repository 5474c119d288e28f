package io.tributary.streams.state;

/**
 * A named store of state, local to one task, in memory or (where asked for) in RocksDB under {@code state.dir};
 * each write is also sent to the store's changelog topic ({@code <application.id>-<name>-changelog}) unless logging
 * is disabled, and a task restores its stores from their changelogs before it processes.
 *
 * @since 0.1
 */
public interface StateStore {
    /** The store name, unique in the topology. */
    String name();

    /** Whether writes are sent to a changelog topic. */
    boolean loggingEnabled();
}
