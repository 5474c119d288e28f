/**
 * Protobuf: generated and dynamic messages, raw or in the schema-registry wire format (with the message-index
 * list). Needs {@code protobuf-java}.
 */
@NullMarked
package io.tributary.serdes.protobuf;

import org.jspecify.annotations.NullMarked;
