/** Produce-side rules of the broker: validation and recompression of produced record batches. */
@NullMarked
package io.tributary.broker.internal.produce;

import org.jspecify.annotations.NullMarked;
