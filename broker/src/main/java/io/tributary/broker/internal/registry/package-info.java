/**
 * The schema registry served by the broker: the Confluent Schema Registry REST API over its own HTTP port, with
 * Avro, Protobuf and JSON Schema parsing and compatibility checks, and schemas kept in the compacted {@code _schemas}
 * topic so that ids survive restarts.
 */
@NullMarked
package io.tributary.broker.internal.registry;

import org.jspecify.annotations.NullMarked;
