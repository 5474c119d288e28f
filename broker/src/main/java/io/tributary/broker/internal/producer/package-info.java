/** Idempotent producers: producer ids and per-partition sequence state. */
@NullMarked
package io.tributary.broker.internal.producer;

import org.jspecify.annotations.NullMarked;
