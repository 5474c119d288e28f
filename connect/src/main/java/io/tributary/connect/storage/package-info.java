/**
 * Converters between Connect data and the bytes of Kafka records ({@link io.tributary.connect.storage.Converter}),
 * each byte-compatible with its Kafka Connect namesake: {@link io.tributary.connect.storage.StringConverter},
 * {@link io.tributary.connect.storage.ByteArrayConverter}, the big-endian number and boolean converters,
 * {@link io.tributary.connect.storage.JsonConverter} with or without Kafka Connect's schema envelope, and
 * {@link io.tributary.connect.storage.AvroConverter} and {@link io.tributary.connect.storage.ProtobufConverter}
 * through the schema registry's wire format (these two need the optional Avro or Protobuf library and caffeine).
 */
@NullMarked
package io.tributary.connect.storage;

import org.jspecify.annotations.NullMarked;
