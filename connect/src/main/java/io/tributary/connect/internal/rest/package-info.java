/**
 * Tributary Connect's REST API, compatible with Kafka Connect's: {@link io.tributary.connect.internal.rest.RestServer}
 * serves it on Reactor Netty HTTP and answers every request from the
 * {@link io.tributary.connect.internal.herder.Herder}, with Kafka Connect's paths, status codes and JSON shapes.
 */
@NullMarked
package io.tributary.connect.internal.rest;

import org.jspecify.annotations.NullMarked;
