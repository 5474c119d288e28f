/**
 * A deterministic test driver that runs a topology on the same task engine as
 * {@link io.tributary.streams.TributaryStreams}.
 */
@NullMarked
package io.tributary.streams.testing;

import org.jspecify.annotations.NullMarked;
