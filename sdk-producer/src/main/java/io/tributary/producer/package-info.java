/**
 * The reactive producer: {@link io.tributary.producer.TributaryProducer}, its options, records and results.
 */
@NullMarked
package io.tributary.producer;

import org.jspecify.annotations.NullMarked;
