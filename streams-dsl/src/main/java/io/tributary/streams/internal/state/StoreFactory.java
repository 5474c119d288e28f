package io.tributary.streams.internal.state;

import java.util.Map;

/** Builds one store instance per task; what every {@code StoreBuilder} and DSL-made store is underneath. */
public interface StoreFactory {
    String name();

    boolean loggingEnabled();

    Map<String, String> changelogConfig();

    RestorableStore create(StoreContext context);
}
