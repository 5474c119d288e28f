package io.tributary.streams.state;

import java.util.Map;

/**
 * Describes a store for the Processor API; each task builds its own instance. Made by {@link Stores}; immutable.
 *
 * @param <S> the store type processors get
 * @since 0.1
 */
public interface StoreBuilder<S extends StateStore> {
    /** The store name: also names the changelog topic {@code <application.id>-<name>-changelog}. */
    String name();

    /** Whether writes are logged to a changelog topic (default true). */
    boolean loggingEnabled();

    /** The changelog topic's config overrides (it is always compacted). */
    Map<String, String> changelogConfig();

    /** This store without a changelog: its state is lost when a task moves or restarts. */
    StoreBuilder<S> withLoggingDisabled();

    /** This store with a changelog with these topic config overrides. */
    StoreBuilder<S> withLoggingEnabled(Map<String, String> config);
}
