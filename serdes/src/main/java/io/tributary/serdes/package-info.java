/**
 * Turning values into record bytes and back: {@link io.tributary.serdes.Serializer},
 * {@link io.tributary.serdes.Deserializer}, {@link io.tributary.serdes.Serde}, and the built-in formats in
 * {@link io.tributary.serdes.Serdes}. JSON, Avro and Protobuf live in sub-packages and need their library on the
 * classpath; {@code io.tributary.serdes.registry} speaks the schema-registry wire format.
 */
@NullMarked
package io.tributary.serdes;

import org.jspecify.annotations.NullMarked;
