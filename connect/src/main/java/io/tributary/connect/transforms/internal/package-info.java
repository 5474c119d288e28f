/**
 * Helpers behind the built-in transforms and {@link io.tributary.connect.transforms.TransformChain}: record sides,
 * schema caches, value casts and field paths. Owned by the transforms package; may change at any time.
 */
@NullMarked
package io.tributary.connect.transforms.internal;

import org.jspecify.annotations.NullMarked;
