package io.tributary.streams.internal.dsl;

import io.tributary.serdes.Serde;
import io.tributary.streams.internal.state.WindowedKeyLayout;
import org.jspecify.annotations.Nullable;

/**
 * What a table of windowed aggregates knows about its windows, for suppression: how long after its end a window
 * closes (grace, plus the inactivity gap for sessions: Kafka Streams' window close time), how its windowed keys
 * are laid out as bytes, and the serde of the keys inside them.
 */
record WindowedTable(long closeAfterEndMs, WindowedKeyLayout layout, @Nullable Serde<?> innerKeySerde) {
}
