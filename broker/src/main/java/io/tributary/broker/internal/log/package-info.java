/**
 * The broker's log storage engine: segmented, Kafka-compatible partition logs on disk ({@code .log},
 * {@code .index}, {@code .timeindex}), crash recovery, retention, compaction and checkpoint files.
 *
 * <p>Everything here is synchronous, blocking file IO, to be called from a dedicated IO scheduler and never from a
 * network event loop. Each class states its own thread-safety.
 */
@NullMarked
package io.tributary.broker.internal.log;

import org.jspecify.annotations.NullMarked;
