/** The producer's engine: accumulator, batches, per-broker sending, idempotence and transactions. */
@NullMarked
package io.tributary.producer.internal;

import org.jspecify.annotations.NullMarked;
