/**
 * Single message transforms: {@link io.tributary.connect.transforms.Transformation}s rewrite or drop one record at
 * a time, between a source task and the producer or between the consumer and a sink task, optionally only where a
 * {@link io.tributary.connect.transforms.predicates.Predicate} holds.
 */
@NullMarked
package io.tributary.connect.transforms;

import org.jspecify.annotations.NullMarked;
