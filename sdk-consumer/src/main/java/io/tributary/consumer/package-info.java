/** The reactive consumer: {@link io.tributary.consumer.TributaryConsumer}, its options and received records. */
@NullMarked
package io.tributary.consumer;

import org.jspecify.annotations.NullMarked;
