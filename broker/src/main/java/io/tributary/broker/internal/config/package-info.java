/** Configuration tables of the broker and of topics, with Kafka's names, defaults and checks. */
@NullMarked
package io.tributary.broker.internal.config;

import org.jspecify.annotations.NullMarked;
