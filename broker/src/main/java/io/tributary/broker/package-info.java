/**
 * The embedding API of the Tributary broker: {@link io.tributary.broker.EmbeddedBroker} and
 * {@link io.tributary.broker.BrokerConfig}.
 */
@NullMarked
package io.tributary.broker;

import org.jspecify.annotations.NullMarked;
