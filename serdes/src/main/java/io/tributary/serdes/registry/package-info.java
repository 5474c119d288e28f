/**
 * The schema-registry wire format (magic byte 0, a 4-byte schema id, the payload) and a non-blocking client of the
 * Confluent Schema Registry REST API, which Tributary's broker also serves. Needs {@code reactor-netty-http},
 * {@code caffeine} and {@code jackson-databind} on the classpath.
 */
@NullMarked
package io.tributary.serdes.registry;

import org.jspecify.annotations.NullMarked;
