/**
 * Tributary Connect: the connector API. A {@link io.tributary.connect.Connector} splits its work into
 * {@link io.tributary.connect.Task}s; source tasks emit {@link io.tributary.connect.source.SourceRecord}s with
 * backpressure, sink tasks receive {@link io.tributary.connect.sink.SinkRecord}s in batches and say which offsets
 * they have flushed. Records carry schema'd values ({@link io.tributary.connect.data}) that converters turn into
 * bytes and transforms rewrite.
 */
@NullMarked
package io.tributary.connect;

import org.jspecify.annotations.NullMarked;
