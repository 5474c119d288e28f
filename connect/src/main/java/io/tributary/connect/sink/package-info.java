/**
 * Sink connectors: {@link io.tributary.connect.sink.SinkTask}s receive batches of
 * {@link io.tributary.connect.sink.SinkRecord}s, one batch at a time (a task that is slow to write simply slows
 * consumption), and say which offsets they have flushed so the runtime commits only those.
 */
@NullMarked
package io.tributary.connect.sink;

import org.jspecify.annotations.NullMarked;
