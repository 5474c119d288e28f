/**
 * The Kafka wire protocol: {@link io.tributary.protocol.ApiKey}, message codecs, frames and error codes.
 */
@NullMarked
package io.tributary.protocol;

import org.jspecify.annotations.NullMarked;
