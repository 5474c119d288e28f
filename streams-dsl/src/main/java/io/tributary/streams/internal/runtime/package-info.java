/**
 * Implementation: the runtime on the Tributary consumer, producer and admin client.
 */
@NullMarked
package io.tributary.streams.internal.runtime;

import org.jspecify.annotations.NullMarked;
