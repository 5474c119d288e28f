/**
 * Implementation: the topology graph and access bridges. May change at any time.
 */
@NullMarked
package io.tributary.streams.internal;

import org.jspecify.annotations.NullMarked;
