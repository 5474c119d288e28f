/** Streams DSL samples: word count, a windowed aggregation and a stream-table join, each on a running broker. */
@NullMarked
package io.tributary.samples.streams;

import org.jspecify.annotations.NullMarked;
