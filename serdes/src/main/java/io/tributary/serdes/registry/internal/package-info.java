/** The registry client's implementation. */
@NullMarked
package io.tributary.serdes.registry.internal;

import org.jspecify.annotations.NullMarked;
