/**
 * Converters between Connect data and the bytes of Kafka records ({@link io.tributary.connect.storage.Converter}):
 * strings, raw bytes, JSON with or without Kafka Connect's schema envelope, and Avro and Protobuf through the
 * schema registry's wire format.
 */
@NullMarked
package io.tributary.connect.storage;

import org.jspecify.annotations.NullMarked;
