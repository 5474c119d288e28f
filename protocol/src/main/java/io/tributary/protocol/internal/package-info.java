/** Internal codec machinery; may change at any time. */
@NullMarked
package io.tributary.protocol.internal;

import org.jspecify.annotations.NullMarked;
