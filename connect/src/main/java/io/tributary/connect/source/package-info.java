/**
 * Source connectors: {@link io.tributary.connect.source.SourceTask}s emit
 * {@link io.tributary.connect.source.SourceRecord}s as a {@code Flux}, which the runtime requests with
 * backpressure (as fast as the producer writes), and resume from the source offsets the runtime committed.
 */
@NullMarked
package io.tributary.connect.source;

import org.jspecify.annotations.NullMarked;
